// Timing accuracy: how close aiperf's clocks and schedules get to the truth on this machine.
// Part of `npm run bench`; alone: `node bench/timingAccuracy.js`. These used to be test
// assertions (TTFT within 1 ms, p99 slip under 5 ms, 2000 ± 1 % requests), but they measure the
// machine as much as the code, so they are reported here and asserted nowhere; the tests keep
// the bounds that hold at any speed. Every comparison is made within one run: the client's
// figure against the server's own record of the same requests, or against the schedule.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { aiperfRun, profilingStats, startServer } from "./loadgen.js";

/** The q-quantile of `xs` (nearest rank). */
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => x.toFixed(3);

/** Reads `profile_records.jsonl` in `dir`. */
function records(dir) {
  return readFileSync(path.join(dir, "latest", "profile_records.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
}

/** A Mooncake-style trace: `n` requests with exponential gaps averaging `gapMs` (seeded). */
function trace(n, gapMs) {
  let t = 0;
  let seed = 7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const lines = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ timestamp: Math.round(t), input_length: 20 + (i % 7), output_length: 3, hash_ids: [i % 5] }));
    t += -Math.log(1 - rand()) * gapMs;
  }
  return `${lines.join("\n")}\n`;
}

/** TTFT and ITL as the client measured them vs the server's own send times, per request. */
async function ttftItl(bin, work, log) {
  const ttft = 50;
  const itl = 10;
  const tokens = 12;
  const requests = 40;
  const warmup = 4;
  const timingsFile = path.join(work, "server-timings.json");
  const server = await startServer(bin, ["--ttft-ms", String(ttft), "--itl-ms", String(itl), "--output-tokens", String(tokens), "--timings-file", timingsFile]);
  let exported;
  try {
    exported = aiperfRun(bin, work, server.url, [
      "--concurrency",
      "1",
      "--requests",
      String(requests),
      "--streaming",
      "--set",
      `phases.warmup.requests=${warmup}`,
      "--set",
      `dataset.output_tokens_mean=${tokens}`,
      "--set",
      "output.data_exporters=[json,records]",
    ]);
  } finally {
    await server.stop();
  }
  const served = JSON.parse(readFileSync(timingsFile, "utf8")).slice(warmup);
  // Concurrency 1: the server saw the requests in the client's order.
  const recs = records(exported.dir).sort((a, b) => a.startNs - b.startNs);
  const clientTtft = recs.map((r) => (r.firstTokenNs - r.startNs) / 1e6);
  const serverTtft = served.map((s, i) => (s.tokenNs[0] - recs[i].startNs) / 1e6);
  const clientItl = recs.map((r) => (r.tokenNs[tokens - 1] - r.tokenNs[0]) / (tokens - 1) / 1e6);
  const serverItl = served.map((s) => (s.tokenNs[tokens - 1] - s.tokenNs[0]) / (tokens - 1) / 1e6);
  log("");
  log(
    `## TTFT and ITL vs the server's own send times: \`aiperf mock-server\` (TTFT ${ttft} ms, ITL ${itl} ms, ${tokens} tokens) and \`aiperf profile\` in separate processes, concurrency 1, ${requests} requests (ms)`,
  );
  log("| metric | client p50 | server p50 | client − server, p50s | per request: client − server, median | per request: largest \\|client − server\\| |");
  log("|---|---|---|---|---|---|");
  const ttftDiff = clientTtft.map((c, i) => c - serverTtft[i]);
  const itlDiff = clientItl.map((c, i) => c - serverItl[i]);
  for (const [name, client, truth, diff] of [
    ["TTFT", clientTtft, serverTtft, ttftDiff],
    ["ITL", clientItl, serverItl, itlDiff],
  ]) {
    const [c, s] = [quantile(client, 0.5), quantile(truth, 0.5)];
    log(`| ${name} | ${ms(c)} | ${ms(s)} | ${ms(c - s)} | ${ms(quantile(diff, 0.5))} | ${ms(Math.max(...diff.map(Math.abs)))} |`);
  }
}

/** A 1,000-line trace replayed at its native rate: how late requests went out (schedule slip). */
async function traceReplay(bin, work, log) {
  const n = 1000;
  const gapMs = 8;
  const file = path.join(work, "trace.jsonl");
  writeFileSync(file, trace(n, gapMs));
  const server = await startServer(bin, ["--ttft-ms", "1", "--itl-ms", "1", "--output-tokens", "3"]);
  let exported;
  try {
    exported = aiperfRun(bin, work, server.url, [
      "--requests",
      String(n),
      "--set",
      "dataset.composer=custom",
      "--set",
      "dataset.loader=mooncake_trace",
      "--set",
      `dataset.file=${JSON.stringify(file)}`,
      "--set",
      "timing.strategy=fixed_schedule",
      // Warm-up replays the trace's first entries: first connections and undici's parser
      // compiling would otherwise delay the first sends.
      "--set",
      "phases.warmup.requests=20",
      "--set",
      "output.data_exporters=[json,records]",
    ]);
  } finally {
    await server.stop();
  }
  const slip = exported.metrics.find((m) => m.tag === "schedule_slip");
  const recs = records(exported.dir);
  const span = (xs) => Math.max(...xs) - Math.min(...xs);
  const ratio = span(recs.map((r) => r.startNs)) / span(recs.map((r) => r.scheduledNs));
  log("");
  log(`## Trace replay (fixed_schedule): ${n}-line Mooncake-style trace, ~${1000 / gapMs} req/s, mock server in its own process (ms)`);
  log("| requests | slip p50 | slip p99 | slip max | sent span / scheduled span |");
  log("|---|---|---|---|---|");
  log(`| ${slip.count} | ${ms(slip.p50)} | ${ms(slip.p99)} | ${ms(slip.max)} | ${ratio.toFixed(4)} |`);
}

/** request_rate for a fixed duration: how many requests went out vs rate × duration. */
function requestRate(bin, work, log, url) {
  const rate = 200;
  const seconds = 10;
  const stats = profilingStats(bin, work, url, ["--request-rate", String(rate), "--streaming"], seconds);
  const target = rate * seconds;
  log("");
  log(`## Request rate over a fixed duration: ${rate} req/s for ${seconds} s, constant arrivals, zero-delay server in its own process`);
  log("| target requests | sent | sent / target | achieved req/s over the sending window |");
  log("|---|---|---|---|");
  const sendS = (stats.sendingCompleteNs - stats.startNs) / 1e9;
  log(`| ${target} | ${stats.sent} | ${(stats.sent / target).toFixed(4)} | ${(stats.sent / sendS).toFixed(1)} |`);
}

export async function timingAccuracy({ bin, work, log }) {
  mkdirSync(work, { recursive: true });
  await ttftItl(bin, work, log);
  await traceReplay(bin, work, log);
  const server = await startServer(bin);
  try {
    requestRate(bin, work, log, server.url);
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const work = path.join(root, "bench", ".work", "timing");
  console.log(`# aiperf timing accuracy — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}`);
  try {
    await timingAccuracy({ bin: path.join(root, "bin", "aiperf.js"), work, log: console.log });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
