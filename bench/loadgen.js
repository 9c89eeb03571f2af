// Load generator: `aiperf profile` against `aiperf mock-server` (zero delay) vs autocannon with the
// same request body on the same server, alternating, in one run; then request-rate accuracy.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Starts `aiperf mock-server` in its own process (zero delay unless `args` say otherwise).
 * `stop()` resolves once it has exited (and written its `--timings-file`, if given).
 */
export function startServer(bin, args = ["--ttft-ms", "0", "--itl-ms", "0", "--output-tokens", "20"]) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, "mock-server", "--port", "0", ...args], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let err = "";
    const exited = new Promise((done) => child.once("close", done));
    child.stderr.on("data", (d) => {
      err += d;
      const m = /listening on (http:\/\/\S+)/.exec(err);
      if (m)
        resolve({
          url: m[1],
          stop: () => {
            child.kill("SIGTERM");
            return exited;
          },
        });
    });
    child.on("close", (code) => reject(new Error(`mock server exited ${code}: ${err}`)));
  });
}

let runs = 0;

/**
 * One `aiperf profile` run against `url` (no warm-up, no hooks, JSON export only, unless `extra`
 * sets them again: later `--set`s win). Returns the export, and `dir` where it was written.
 */
export function aiperfRun(bin, work, url, extra) {
  const out = path.join(work, `run-${Date.now()}-${++runs}`);
  const r = spawnSync(
    process.execPath,
    [
      bin,
      "profile",
      "--url",
      url,
      "--output",
      out,
      "--ui",
      "none",
      "--quiet",
      "--set",
      "phases.warmup.requests=0",
      "--set",
      "plugins.phase_hooks=[]",
      "--set",
      "output.data_exporters=[json]",
      "--set",
      "output.console_exporters=[]",
      ...extra,
    ],
    { encoding: "utf8", cwd: work },
  );
  if (r.status !== 0) throw new Error(`aiperf profile failed: ${r.stderr}`);
  return { ...JSON.parse(readFileSync(path.join(out, "latest", "profile_export.json"), "utf8")), dir: out };
}

/** The profiling phase's stats of one duration-bounded `aiperf profile` run. */
export function profilingStats(bin, work, url, flags, seconds) {
  const exp = aiperfRun(bin, work, url, [
    ...flags,
    "--set",
    `phases.profiling.duration_s=${seconds}`,
    "--set",
    "phases.profiling.requests=1000000000",
    "--set",
    "dataset.output_tokens_mean=20",
  ]);
  return exp.phases.find((p) => p.phase === "profiling");
}

/** Completed requests per second of the profiling phase of one run. */
function aiperfRate(bin, work, url, flags, seconds) {
  const stats = profilingStats(bin, work, url, flags, seconds);
  return stats.completed / ((stats.endNs - stats.startNs) / 1e9);
}

function autocannon(root, url, connections, seconds, body) {
  const r = spawnSync(
    process.execPath,
    [
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
      body,
      `${url}/v1/chat/completions`,
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`autocannon failed: ${r.stderr}`);
  const j = JSON.parse(r.stdout);
  return j.requests.total / (j.duration || seconds);
}

export async function loadgen({ root, bin, work, log, seconds = 5, rounds = 2 }) {
  mkdirSync(work, { recursive: true });
  const server = await startServer(bin);
  try {
    log("");
    log(`## Load generator vs autocannon: zero-delay mock server in its own process, ${seconds} s per run, median of ${rounds} alternating rounds (req/s)`);
    log("| connections | streaming | aiperf | autocannon | ratio | target |");
    log("|---|---|---|---|---|---|");
    for (const streaming of [false, true]) {
      for (const c of [1, 16, 64]) {
        // The body aiperf's synthetic dataset sends (128 prompt words, max_tokens 20).
        const prompt = Array.from({ length: 128 }, () => "token").join(" ");
        const body = JSON.stringify({
          model: "mock-model",
          messages: [{ role: "user", content: prompt }],
          stream: streaming,
          ...(streaming ? { stream_options: { include_usage: true } } : {}),
          max_tokens: 20,
        });
        const a = [];
        const b = [];
        for (let r = 0; r < rounds; r++) {
          a.push(aiperfRate(bin, work, server.url, ["--concurrency", String(c), streaming ? "--streaming" : "--no-streaming"], seconds));
          b.push(autocannon(root, server.url, c, seconds, body));
        }
        const [x, y] = [median(a), median(b)];
        const target = streaming ? 0.8 : 0.9;
        log(`| ${c} | ${streaming} | ${x.toFixed(0)} | ${y.toFixed(0)} | ${(x / y).toFixed(2)} | ${c === 64 ? `≥ ${target}` : "—"} |`);
      }
    }
    log("");
    log(
      `## Service managers: in_process vs multiprocess (2 worker threads), concurrency 64, non-streaming, same server, median of ${rounds} alternating rounds (req/s)`,
    );
    log("| in_process | multiprocess (2 workers) | ratio |");
    log("|---|---|---|");
    const single = [];
    const multi = [];
    for (let r = 0; r < rounds; r++) {
      for (const [list, extra] of [
        [single, []],
        [multi, ["--workers", "2"]],
      ]) {
        list.push(aiperfRate(bin, work, server.url, ["--concurrency", "64", "--no-streaming", ...extra], seconds));
      }
    }
    log(`| ${median(single).toFixed(0)} | ${median(multi).toFixed(0)} | ${(median(multi) / median(single)).toFixed(2)} |`);
    log("");
    log(`## Request-rate accuracy (constant arrivals, ${seconds} s, zero-delay server)`);
    log("| target req/s | sent | achieved req/s | error |");
    log("|---|---|---|---|");
    for (const rate of [100, 1000, 5000]) {
      const stats = profilingStats(bin, work, server.url, ["--request-rate", String(rate), "--no-streaming"], seconds);
      const sendS = (stats.sendingCompleteNs - stats.startNs) / 1e9;
      const achieved = stats.sent / sendS;
      log(`| ${rate} | ${stats.sent} | ${achieved.toFixed(1)} | ${(((achieved - rate) / rate) * 100).toFixed(2)} % |`);
    }
  } finally {
    server.stop();
  }
}
