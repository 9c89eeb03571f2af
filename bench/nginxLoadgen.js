// Load generator vs autocannon against a server that is not the bottleneck: nginx pinned to core
// 1 (bench/nginx.js), each client pinned to core 0, alternating rounds, non-streaming (JSON) and
// streaming (20 SSE chunks), 1 and 64 connections. `node bench/nginxLoadgen.js [seconds] [rounds]`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hasNginx, startNginx } from "./nginx.js";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const range = (xs) => (xs.length > 1 ? `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}` : xs[0].toFixed(2));
let runs = 0;

function body(streaming) {
  const prompt = Array.from({ length: 128 }, () => "token").join(" ");
  return JSON.stringify({ model: "mock-model", messages: [{ role: "user", content: prompt }], stream: streaming, max_tokens: 20 });
}

/** Completed requests per second of aiperf's profiling phase. */
function aiperfRate(bin, work, url, connections, streaming, seconds) {
  const out = path.join(work, `run-${process.pid}-${++runs}`);
  const r = spawnSync(
    "taskset",
    [
      "-c",
      "0",
      process.execPath,
      bin,
      "profile",
      "--url",
      url,
      "--concurrency",
      String(connections),
      streaming ? "--streaming" : "--no-streaming",
      "--duration",
      `${seconds}s`,
      "--output",
      out,
      "--ui",
      "none",
      "--quiet",
      "--set",
      `phases.warmup.requests=${connections}`,
      "--set",
      "plugins.phase_hooks=[]",
      "--set",
      "output.data_exporters=[json]",
      "--set",
      "output.console_exporters=[]",
      "--set",
      "endpoint.preflight=false",
    ],
    { encoding: "utf8", cwd: work },
  );
  if (r.status !== 0) throw new Error(`aiperf profile failed: ${r.stderr}`);
  const stats = JSON.parse(readFileSync(path.join(out, "latest", "profile_export.json"), "utf8")).phases.find((p) => p.phase === "profiling");
  return stats.completed / ((stats.endNs - stats.startNs) / 1e9);
}

function autocannonRate(root, url, connections, streaming, seconds) {
  const r = spawnSync(
    "taskset",
    [
      "-c",
      "0",
      process.execPath,
      path.join(root, "node_modules", "autocannon", "autocannon.js"),
      "-j",
      "-c",
      String(connections),
      "-d",
      String(seconds),
      "-m",
      "POST",
      "-H",
      "content-type=application/json",
      "-b",
      body(streaming),
      `${url}/v1/chat/completions`,
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`autocannon failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout);
  return j.requests.total / (j.duration || seconds);
}

export async function nginxLoadgen({ root, bin, work, log, seconds = 4, rounds = 2 }) {
  log("");
  if (!hasNginx()) {
    log("## Load generator vs autocannon against nginx: skipped (nginx not installed: `apt-get install -y nginx`)");
    return;
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const nginx = await startNginx(work, 1);
  const rows = [];
  try {
    for (const streaming of [false, true]) {
      for (const c of [1, 64]) {
        const url = streaming ? nginx.sseUrl : nginx.jsonUrl;
        const a = [];
        const b = [];
        for (let r = 0; r < rounds; r++) {
          a.push(aiperfRate(bin, work, url, c, streaming, seconds));
          b.push(autocannonRate(root, url, c, streaming, seconds));
        }
        rows.push({ streaming, c, a, b });
      }
    }
  } finally {
    await nginx.stop();
  }
  log(
    `## Load generator vs autocannon against nginx (nginx on core 1, client on core 0), ${seconds} s per run, ${rounds} alternating rounds (req/s; load average ${os.loadavg()[0].toFixed(1)})`,
  );
  log("| body | connections | aiperf (median) | autocannon (median) | ratio of medians | ratio per round | target |");
  log("|---|---|---|---|---|---|---|");
  for (const { streaming, c, a, b } of rows) {
    const ratios = a.map((x, i) => x / b[i]);
    log(
      `| ${streaming ? "SSE, 20 chunks" : "JSON"} | ${c} | ${median(a).toFixed(0)} | ${median(b).toFixed(0)} | ${(median(a) / median(b)).toFixed(2)} | ${range(ratios)} | ≥ ${c === 1 ? "0.75" : "0.95"} |`,
    );
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const [seconds = 4, rounds = 2] = process.argv.slice(2).map(Number);
  await nginxLoadgen({
    root,
    bin: path.join(root, "bin", "aiperf.js"),
    work: path.join(root, "bench", ".work", "nginx-loadgen"),
    log: console.log,
    seconds,
    rounds,
  });
}
