// Fidelity: how much of what aiperf reports is aiperf itself. A truth server with known delays in
// its own process (bench/truthServer.js); `curl -Z` at the same parallelism as the reference for
// TTFT; aiperf at concurrency 1/16/64; then the shape of request-rate schedules read from the
// records export. `node bench/fidelity.js [--rounds N]`.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const fmt = (x, digits = 2) => (x === undefined || x === null || Number.isNaN(x) ? "—" : x.toFixed(digits));
const range = (xs, digits = 2) => {
  const v = xs.filter((x) => x !== undefined && x !== null && !Number.isNaN(x));
  if (v.length === 0) return "—";
  const [lo, hi] = [Math.min(...v), Math.max(...v)];
  return lo === hi || v.length === 1 ? fmt(lo, digits) : `${fmt(lo, digits)}–${fmt(hi, digits)}`;
};

/** The p-th percentile (nearest rank) of numbers. */
export function pct(xs, p) {
  const s = Float64Array.from(xs).sort();
  return s.length === 0 ? undefined : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** Starts the truth server in its own process; resolves with `{ url, stats(), reset(), stop() }`. */
export function startTruth(ttftMs, itlMs, tokens) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, "truthServer.js"), String(ttftMs), String(itlMs), String(tokens)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    const exited = new Promise((done) => child.once("close", done));
    child.stdout.on("data", (d) => {
      out += d;
      const m = /listening (http:\/\/\S+)/.exec(out);
      if (!m) return;
      const url = m[1];
      resolve({
        url,
        stats: async () => (await fetch(`${url}/stats`)).json(),
        reset: async () => void (await fetch(`${url}/reset`, { method: "POST" })).text(),
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    });
    child.on("close", (code) => reject(new Error(`truth server exited ${code}`)));
  });
}

/** The body aiperf's synthetic dataset sends (128 prompt words, max_tokens 20). */
function body(streaming) {
  const prompt = Array.from({ length: 128 }, () => "token").join(" ");
  return JSON.stringify({
    model: "mock-model",
    messages: [{ role: "user", content: prompt }],
    stream: streaming,
    ...(streaming ? { stream_options: { include_usage: true } } : {}),
    max_tokens: 20,
  });
}

/** `curl -Z` with `parallel` transfers at a time: TTFT per request (ms) = time_starttransfer − time_pretransfer. */
function curlTtft(work, url, parallel, requests) {
  mkdirSync(work, { recursive: true });
  const bodyFile = path.join(work, "body.json");
  writeFileSync(bodyFile, body(true));
  const config = path.join(work, "curl.conf");
  writeFileSync(config, Array.from({ length: requests }, () => `url = "${url}/v1/chat/completions"\noutput = "/dev/null"\n`).join(""));
  const r = spawnSync(
    "curl",
    [
      "-s",
      "-Z",
      "--parallel-max",
      String(parallel),
      "-X",
      "POST",
      "-H",
      "content-type: application/json",
      "--data-binary",
      `@${bodyFile}`,
      "-w",
      "%{time_pretransfer} %{time_starttransfer}\\n",
      "-K",
      config,
    ],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`curl failed (${r.status}): ${r.stderr}`);
  return r.stdout
    .trim()
    .split("\n")
    .map((line) => {
      const [pre, start] = line.split(" ").map(Number);
      return (start - pre) * 1000;
    });
}

let runs = 0;
/** One `aiperf profile` run; returns its JSON export and its records. */
export function aiperf(bin, work, url, flags) {
  const out = path.join(work, `run-${process.pid}-${++runs}`);
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
      "plugins.phase_hooks=[]",
      "--set",
      "output.data_exporters=[json,records]",
      "--set",
      "output.console_exporters=[]",
      "--set",
      "endpoint.preflight=false",
      ...flags,
    ],
    { encoding: "utf8", cwd: work, maxBuffer: 1 << 26 },
  );
  if (r.status !== 0) throw new Error(`aiperf profile failed: ${r.stderr}`);
  const dir = path.join(out, "latest");
  const exported = JSON.parse(readFileSync(path.join(dir, "profile_export.json"), "utf8"));
  const records = readFileSync(path.join(dir, "profile_records.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  return { exported, records, metric: (tag) => exported.metrics.find((m) => m.tag === tag) };
}

/** The client's own send-side delay per request (ms): the metric when the run has one, else startNs − issuedNs. */
function sendDelayP50(run) {
  const m = run.exported.metrics.find((x) => /queue/.test(x.tag));
  if (m) return { p50: m.p50, source: m.tag };
  const d = run.records.filter((r) => r.issuedNs !== undefined).map((r) => (r.startNs - r.issuedNs) / 1e6);
  return { p50: pct(d, 50), source: d.length ? "startNs − issuedNs" : "none" };
}

const WORKLOADS = [
  { name: "A", ttftMs: 50, itlMs: 10, tokens: 20, requests: { 1: 20, 16: 160, 64: 320 } },
  { name: "B", ttftMs: 5, itlMs: 1, tokens: 100, requests: { 1: 40, 16: 320, 64: 640 } },
];

/** TTFT and ITL against curl -Z and the server's own clock, `rounds` times; returns rows per (workload, concurrency). */
async function ttftSection({ bin, work, log, rounds }) {
  const rows = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const w of WORKLOADS) {
      const truth = await startTruth(w.ttftMs, w.itlMs, w.tokens);
      try {
        for (const c of [1, 16, 64]) {
          const n = w.requests[c];
          await truth.reset();
          const curl = curlTtft(path.join(work, "curl"), truth.url, c, n);
          await truth.reset();
          const run = aiperf(bin, work, truth.url, [
            "--streaming",
            "--concurrency",
            String(c),
            "--requests",
            String(n),
            "--set",
            `phases.warmup.requests=${c}`,
          ]);
          const server = await truth.stats();
          const ttft = run.metric("time_to_first_token");
          const itl = run.metric("inter_token_latency");
          const key = `${w.name}/${c}`;
          if (!rows.has(key)) rows.set(key, []);
          rows.get(key).push({
            p50: ttft.p50 - pct(curl, 50),
            p99: ttft.p99 - pct(curl, 99),
            curlMinusServer: pct(curl, 50) - server.ttftP50,
            itl: itl.p50 - server.itlP50,
            send: sendDelayP50(run),
          });
        }
      } finally {
        await truth.stop();
      }
    }
  }
  log("");
  log(`## Fidelity: TTFT and ITL against \`curl -Z\` and the truth server (ms, range over ${rounds} round(s); load average ${os.loadavg()[0].toFixed(1)})`);
  log("Truth server in its own process; curl's TTFT = time_starttransfer − time_pretransfer; aiperf streams with a warm-up of one request per slot.");
  log(
    "| workload / concurrency | aiperf − curl TTFT p50 | aiperf − curl TTFT p99 | curl − server TTFT p50 | aiperf − server ITL p50 | send-side delay p50 (source) |",
  );
  log("|---|---|---|---|---|---|");
  for (const [key, list] of rows) {
    const src = list[0].send.source;
    log(
      `| ${key} | ${range(list.map((r) => r.p50))} | ${range(list.map((r) => r.p99))} | ${range(
        list.map((r) => r.curlMinusServer),
        3,
      )} | ${range(
        list.map((r) => r.itl),
        3,
      )} | ${range(
        list.map((r) => r.send.p50),
        3,
      )} (${src}) |`,
    );
  }
  return rows;
}

/** Interval shape of request-rate schedules, from the records' start (socket write) times. */
function intervals(all, rate) {
  const records = all.filter((r) => r.phase === "profiling");
  const starts = Float64Array.from(records.map((r) => r.startNs)).sort();
  const gaps = [];
  for (let i = 1; i < starts.length; i++) gaps.push((starts[i] - starts[i - 1]) / 1e6);
  const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
  const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - mean) ** 2, 0) / gaps.length);
  const scheduled = records.filter((r) => r.scheduledNs !== undefined);
  const early = scheduled.filter((r) => (r.issuedNs ?? r.startNs) < r.scheduledNs).length;
  // What decides a CV miss: a few sends written well after their due time (the core taken away).
  const lateMs = scheduled.map((r) => (r.startNs - r.scheduledNs) / 1e6);
  return {
    late: lateMs.filter((ms) => ms > 1).length,
    maxLate: lateMs.length ? Math.max(...lateMs) : undefined,
    cv: sd / mean,
    achieved: 1000 / mean,
    burst: gaps.filter((g) => g < 0.05).length / gaps.length,
    early: scheduled.length ? early : undefined,
    rate,
  };
}

async function rateSection({ bin, work, log, rounds }) {
  const truth = await startTruth(0, 0, 20);
  const rows = new Map();
  try {
    for (let round = 0; round < rounds; round++) {
      // The default warm-up phase (16 requests) runs first, as in a user's run; one row without it
      // shows what cold code costs the first sends.
      const cases = [];
      for (const arrival of ["constant", "poisson"])
        for (const [rate, seconds] of [
          [100, 3],
          [500, 2],
          [2000, 1],
        ])
          cases.push({ arrival, rate, seconds, warmup: true });
      cases.push({ arrival: "constant", rate: 500, seconds: 2, warmup: false });
      for (const { arrival, rate, seconds, warmup } of cases) {
        const run = aiperf(bin, work, truth.url, [
          "--no-streaming",
          "--request-rate",
          String(rate),
          "--duration",
          `${seconds}s`,
          ...(warmup ? [] : ["--set", "phases.warmup.requests=0"]),
          "--set",
          `timing.arrival=${arrival}`,
        ]);
        const key = `${arrival} ${rate}${warmup ? "" : ", no warm-up"}`;
        if (!rows.has(key)) rows.set(key, []);
        rows.get(key).push(intervals(run.records, rate));
      }
    }
  } finally {
    await truth.stop();
  }
  log("");
  log(`## Fidelity: request-rate interval shape, from the records' start times (range over ${rounds} round(s); load average ${os.loadavg()[0].toFixed(1)})`);
  log("Targets: constant CV ≤ 0.05 and no send early; Poisson CV 1 ± 0.05 (a Poisson process has 2.5 % of its gaps under 0.05 ms at 500 req/s).");
  log(
    "| arrival, req/s | interval CV | achieved req/s | gaps < 0.05 ms | sent early (of records with a schedule time) | written > 1 ms late | most late (ms) |",
  );
  log("|---|---|---|---|---|---|---|");
  for (const [key, list] of rows) {
    log(
      `| ${key} | ${range(
        list.map((r) => r.cv),
        3,
      )} | ${range(
        list.map((r) => r.achieved),
        0,
      )} | ${range(
        list.map((r) => r.burst * 100),
        1,
      )} % | ${
        list[0].early === undefined
          ? "no schedule times in the records"
          : range(
              list.map((r) => r.early),
              0,
            )
      } | ${range(
        list.map((r) => r.late),
        0,
      )} | ${range(
        list.map((r) => r.maxLate),
        2,
      )} |`,
    );
  }
  return rows;
}

export async function fidelity({ bin, work, log, rounds = 1, parts = ["ttft", "rate"] }) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  if (spawnSync("curl", ["--version"]).status !== 0) log("\n## Fidelity: curl not installed; TTFT comparison skipped");
  else if (parts.includes("ttft")) await ttftSection({ bin, work, log, rounds });
  if (parts.includes("rate")) await rateSection({ bin, work, log, rounds });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(here, "..");
  const i = process.argv.indexOf("--rounds");
  const parts = process.argv.includes("--rate-only") ? ["rate"] : process.argv.includes("--ttft-only") ? ["ttft"] : ["ttft", "rate"];
  const work = path.join(root, "bench", ".work", "fidelity");
  mkdirSync(work, { recursive: true });
  await fidelity({ bin: path.join(root, "bin", "aiperf.js"), work, log: console.log, rounds: i > 0 ? Number(process.argv[i + 1]) : 1, parts });
}
