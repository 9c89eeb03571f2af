// A server that is not the bottleneck: nginx (Debian's `apt-get install -y nginx`) answering every
// request from its config (no files, no upstream), one worker, pinned to one core with taskset.
// Two ports: a chat completion as JSON, and the same as 20 SSE chunks (or as many as asked).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const JSON_BODY = JSON.stringify({
  id: "x",
  object: "chat.completion",
  model: "mock-model",
  choices: [{ index: 0, message: { role: "assistant", content: "one two three four five six seven eight nine ten" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
});

/** 20 content chunks, then `[DONE]`, as one static SSE body. */
export function sseBody(chunks = 20) {
  const chunk = (i) =>
    `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", model: "mock-model", choices: [{ index: 0, delta: { content: `t${i} ` } }] })}\n\n`;
  return `${Array.from({ length: chunks }, (_, i) => chunk(i)).join("")}data: [DONE]\n\n`;
}

/** nginx quotes: backslash, double quote and `$` (variables) escaped. */
const quote = (text) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\$/g, "$${dollar}")}"`;

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitPort(port) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => {
        c.destroy();
        resolve(true);
      });
      c.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nginx did not listen on ${port}`);
}

/**
 * The SSE server: the body in the config (`return 200`) as for the usual 20 chunks, or, past the
 * length nginx takes in one config parameter, as a static file that a POST is redirected to
 * (nginx serves files to GET only; `error_page 405 =200` turns the POST into one).
 */
function sseServer(port, body, prefix) {
  if (body.length < 3500)
    return `  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    location / { default_type text/event-stream; return 200 ${quote(body)}; }
  }`;
  const root = path.join(prefix, "sse");
  for (const route of ["v1/chat/completions", "v1/completions"]) {
    mkdirSync(path.dirname(path.join(root, route)), { recursive: true });
    writeFileSync(path.join(root, route), body);
  }
  return `  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    root ${root};
    default_type text/event-stream;
    location / { error_page 405 =200 $uri; }
  }`;
}

/** Whether nginx is installed (the comparison is skipped, and says so, when it is not). */
export function hasNginx() {
  return spawnSync("nginx", ["-v"]).status === 0;
}

/** Starts nginx pinned to `core` (streams of `chunks` SSE chunks); resolves with `{ jsonUrl, sseUrl, stop() }`. */
export async function startNginx(work, core = 1, chunks = 20) {
  const prefix = path.join(work, "nginx");
  mkdirSync(path.join(prefix, "logs"), { recursive: true });
  const [jsonPort, ssePort] = [await freePort(), await freePort()];
  const server = (port, type, body) => `  server {
    listen 127.0.0.1:${port} reuseport backlog=4096;
    location / { default_type ${type}; return 200 ${quote(body)}; }
  }`;
  writeFileSync(
    path.join(prefix, "nginx.conf"),
    `worker_processes 1;
pid ${path.join(prefix, "nginx.pid")};
error_log ${path.join(prefix, "logs", "error.log")} error;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 100000000;
  keepalive_timeout 120s;
  client_body_buffer_size 64k;
  client_body_temp_path ${path.join(prefix, "body")};
  geo $dollar { default "$"; }
${server(jsonPort, "application/json", JSON_BODY)}
${sseServer(ssePort, sseBody(chunks), prefix)}
}
`,
  );
  const child = spawn("taskset", ["-c", String(core), "nginx", "-p", prefix, "-c", path.join(prefix, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr.on("data", (d) => {
    err += d;
  });
  const exited = new Promise((resolve) => child.once("close", resolve));
  await Promise.race([waitPort(jsonPort), exited.then(() => Promise.reject(new Error(`nginx exited: ${err}`)))]);
  await waitPort(ssePort);
  return {
    jsonUrl: `http://127.0.0.1:${jsonPort}`,
    sseUrl: `http://127.0.0.1:${ssePort}`,
    stop: () => {
      child.kill("SIGTERM");
      return exited;
    },
  };
}
