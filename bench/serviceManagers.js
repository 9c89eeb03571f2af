// Service managers at concurrency 64: req/s and TTFT of `aiperf profile` with in_process,
// multiprocess (2) and distributed (2 `aiperf worker` processes on loopback), against `curl -Z`
// (64 parallel transfers) on the same mock server, non-streaming (curl's time_starttransfer is then
// the time to the whole answer, which is what aiperf's TTFT is without streaming).
// Standalone: `node bench/serviceManagers.js [--requests N] [--rounds R]`; or import
// `serviceManagers({ root, bin, work, log })` from bench/run.js.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { aiperfRun, median, startServer } from "./loadgen.js";

const SERVER = ["--ttft-ms", "50", "--itl-ms", "10", "--output-tokens", "5"];
const OUTPUT_TOKENS = 5;
const CONCURRENCY = 64;

/** `curl -Z`: `requests` POSTs, 64 at a time; req/s over the whole batch and the p50 time to first byte (ms). */
function curlBaseline(work, url, requests) {
  const prompt = Array.from({ length: 128 }, () => "token").join(" ");
  const body = JSON.stringify({ model: "mock-model", messages: [{ role: "user", content: prompt }], stream: false, max_tokens: OUTPUT_TOKENS });
  writeFileSync(path.join(work, "body.json"), body);
  const lines = ["-s", "-Z", `--parallel-max ${CONCURRENCY}`, "-X POST", '-H "content-type: application/json"', `-d @${path.join(work, "body.json")}`];
  lines.push('-w "%{time_starttransfer}\\n"');
  for (let i = 0; i < requests; i++) lines.push(`url = "${url}/v1/chat/completions"`, 'output = "/dev/null"');
  writeFileSync(path.join(work, "curl.cfg"), `${lines.join("\n")}\n`);
  const t = process.hrtime.bigint();
  const r = spawnSync("curl", ["-K", path.join(work, "curl.cfg")], { encoding: "utf8", maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`curl failed (${r.status}): ${r.stderr}`);
  const ttfb = r.stdout.trim().split("\n").map(Number);
  return { rps: requests / seconds, ttftMs: median(ttfb) * 1000 };
}

function summarize(exp) {
  const p = exp.phases.find((x) => x.phase === "profiling");
  // Non-streaming has no TTFT row (AIPerf's definition): the one-piece answer's latency is the time
  // to its first byte, which is what curl's time_starttransfer measures.
  const ttft = exp.metrics.find((m) => m.tag === "time_to_first_token") ?? exp.metrics.find((m) => m.tag === "request_latency");
  return { rps: p.completed / ((p.endNs - p.startNs) / 1e9), ttftMs: ttft?.p50 ?? Number.NaN, errors: p.errors };
}

function flags(requests) {
  return [
    "--concurrency",
    String(CONCURRENCY),
    "--no-streaming",
    "--requests",
    String(requests),
    "--set",
    `dataset.output_tokens_mean=${OUTPUT_TOKENS}`,
    "--set",
    "dataset.output_tokens_stddev=0",
  ];
}

/** A distributed run: the controller in its own process, two `aiperf worker` processes joining it on loopback. */
async function distributedRun(bin, work, url, requests) {
  const out = path.join(work, `dist-${Date.now()}`);
  const args = [bin, "profile", "--url", url, "--output", out, "--ui", "none", ...flags(requests)];
  args.push(
    "--set",
    "phases.warmup.requests=0",
    "--set",
    "plugins.phase_hooks=[]",
    "--set",
    "output.data_exporters=[json]",
    "--set",
    "output.console_exporters=[]",
  );
  args.push("--set", "service_manager.type=distributed", "--set", "service_manager.bind=tcp://127.0.0.1:*", "--set", "service_manager.workers=2");
  const controller = spawn(process.execPath, args, { cwd: work, stdio: ["ignore", "ignore", "pipe"] });
  const workers = [];
  let err = "";
  const exited = new Promise((resolve) => controller.once("close", resolve));
  controller.stderr.on("data", (d) => {
    err += d;
    const m = /waiting for \d+ worker\(s\) at tcp:\/\/[^:]+:(\d+)/.exec(err);
    if (m && workers.length === 0) {
      for (let i = 0; i < 2; i++)
        workers.push(spawn(process.execPath, [bin, "worker", "--quiet", "--controller", `tcp://127.0.0.1:${m[1]}`], { stdio: "ignore" }));
    }
  });
  const code = await exited;
  await Promise.all(workers.map((w) => (w.exitCode === null ? new Promise((r) => w.once("close", r)) : undefined)));
  if (code !== 0) throw new Error(`distributed run failed (${code}): ${err}`);
  return JSON.parse(readFileSync(path.join(out, "latest", "profile_export.json"), "utf8"));
}

export async function serviceManagers({ bin, work, log, requests = 1280, rounds = 1 }) {
  mkdirSync(work, { recursive: true });
  const server = await startServer(bin, SERVER);
  try {
    log("");
    log(
      `## Service managers vs curl -Z: concurrency ${CONCURRENCY}, non-streaming, mock TTFT 50 ms + 4 × 10 ms ITL (90 ms to the answer), ${requests} requests, median of ${rounds} round(s)`,
    );
    log("| client | req/s | TTFT p50 (ms) | TTFT overhead vs curl (ms) | req/s vs curl |");
    log("|---|---|---|---|---|");
    const rows = { curl: [], in_process: [], "multiprocess (2)": [], "distributed (2 workers)": [] };
    for (let r = 0; r < rounds; r++) {
      rows.curl.push(curlBaseline(work, server.url, requests));
      rows.in_process.push(summarize(aiperfRun(bin, work, server.url, flags(requests))));
      rows["multiprocess (2)"].push(
        summarize(aiperfRun(bin, work, server.url, [...flags(requests), "--set", "service_manager.type=multiprocess", "--set", "service_manager.workers=2"])),
      );
      rows["distributed (2 workers)"].push(summarize(await distributedRun(bin, work, server.url, requests)));
    }
    const med = (list, key) => median(list.map((x) => x[key]));
    const base = { rps: med(rows.curl, "rps"), ttftMs: med(rows.curl, "ttftMs") };
    for (const [name, list] of Object.entries(rows)) {
      const rps = med(list, "rps");
      const ttft = med(list, "ttftMs");
      const overhead = name === "curl" ? "—" : (ttft - base.ttftMs).toFixed(2);
      log(`| ${name} | ${rps.toFixed(0)} | ${ttft.toFixed(2)} | ${overhead} | ${(rps / base.rps).toFixed(2)} |`);
    }
  } finally {
    await server.stop();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : fallback;
  };
  await serviceManagers({
    root,
    bin: path.join(root, "bin", "aiperf.js"),
    work: path.join(root, "bench", ".work", "service-managers"),
    log: (line) => console.log(line),
    requests: arg("--requests", 1280),
    rounds: arg("--rounds", 1),
  });
}
