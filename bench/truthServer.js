// The truth server of the fidelity suite, run in its own process:
// `node bench/truthServer.js <ttftMs> <itlMs> <tokens>`. A chat completion streams `tokens` SSE
// chunks, the first `ttftMs` after the request body ended and then one every `itlMs` (a request
// without `"stream": true` gets its JSON answer after `ttftMs`). The response headers leave with
// the first chunk, so a client's first byte is the first token. It records when it actually
// wrote each chunk (its own clock): `GET /stats` answers the p50/p99 of its TTFT and ITL since
// `POST /reset`. Prints `listening http://127.0.0.1:<port>` on stdout.
import http from "node:http";

const [ttftMs, itlMs, tokens] = process.argv.slice(2).map(Number);
const now = () => Number(process.hrtime.bigint()) / 1e6;
let ttft = [];
let itl = [];

const chunk = (i) =>
  `data: ${JSON.stringify({ id: "x", object: "chat.completion.chunk", model: "mock-model", choices: [{ index: 0, delta: { content: `t${i} ` } }] })}\n\n`;
const answer = JSON.stringify({
  id: "x",
  object: "chat.completion",
  model: "mock-model",
  choices: [{ index: 0, message: { role: "assistant", content: Array.from({ length: tokens }, (_, i) => `t${i}`).join(" ") }, finish_reason: "stop" }],
  usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens },
});

function pct(xs, p) {
  const s = Float64Array.from(xs).sort();
  return s.length === 0 ? null : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function stream(res, endedAt) {
  let i = 0;
  let last = 0;
  const next = () => {
    const t = now();
    if (i === 0) {
      res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      ttft.push(t - endedAt);
    } else itl.push(t - last);
    last = t;
    res.write(chunk(i++));
    if (i < tokens) setTimeout(next, itlMs);
    else res.end("data: [DONE]\n\n");
  };
  setTimeout(next, ttftMs);
}

const server = http.createServer((req, res) => {
  let body = "";
  req.on("data", (d) => {
    body += d;
  });
  req.on("end", () => {
    const endedAt = now();
    if (req.method === "GET" && req.url === "/stats") {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ttftP50: pct(ttft, 50), ttftP99: pct(ttft, 99), itlP50: pct(itl, 50), requests: ttft.length }));
      return;
    }
    if (req.method === "POST" && req.url === "/reset") {
      ttft = [];
      itl = [];
      res.end("ok");
      return;
    }
    if (/"stream"\s*:\s*true/.test(body)) return stream(res, endedAt);
    setTimeout(() => {
      ttft.push(now() - endedAt);
      res.setHeader("content-type", "application/json");
      res.end(answer);
    }, ttftMs);
  });
});
// Idle keep-alive connections stay open between the runs that share this server.
server.keepAliveTimeout = 300_000;
server.listen(0, "127.0.0.1", () => process.stdout.write(`listening http://127.0.0.1:${server.address().port}\n`));
process.on("SIGTERM", () => process.exit(0));
