// Memory: peak RSS of `aiperf profile` runs of N requests (non-streaming, or 20-chunk SSE streams) at concurrency 64 against
// nginx (not the bottleneck), with the records export on; the slope between two sizes is the cost
// per request, and 1,000,000 is extrapolated from it when the run itself would take too long here.
// `node bench/memory.js [n1 n2 …] [--streaming] [--chunks C] [--default-exporters] [--against OTHER_CHECKOUT]`
// (`--chunks`: chunks per stream, 20 unless given; `--chunks 200` is a long answer)
// (the default exporters add `aiperf_json`, `aiperf_csv` and `aiperf_jsonl` to `json` and
// `records`; `--against` runs another build's `bin/aiperf.js` after this one at each size).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hasNginx, startNginx } from "./nginx.js";

/** One run: { n, rssMb, seconds, reqPerS, recordsMb }. */
function measure(bin, work, url, n, streaming, defaultExporters) {
  const out = path.join(work, `mem-${n}-${Date.now()}`);
  const t = process.hrtime.bigint();
  const r = spawnSync(
    "/usr/bin/time",
    [
      "-f",
      "MAXRSS %M",
      "taskset",
      "-c",
      "0",
      process.execPath,
      bin,
      "profile",
      "--url",
      url,
      "--requests",
      String(n),
      "--concurrency",
      "64",
      streaming ? "--streaming" : "--no-streaming",
      "--ui",
      "none",
      "--debug",
      "--output",
      out,
      "--set",
      "phases.warmup.requests=0",
      "--set",
      "plugins.phase_hooks=[]",
      ...(defaultExporters ? [] : ["--set", "output.data_exporters=[json,records]"]),
      "--set",
      "output.console_exporters=[]",
      "--set",
      "endpoint.preflight=false",
    ],
    { encoding: "utf8", cwd: work, maxBuffer: 1 << 26 },
  );
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`aiperf profile failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const rssMb = Number(/MAXRSS (\d+)/.exec(r.stderr)?.[1]) / 1024;
  const runDir = path.join(
    out,
    readdirSync(out).find((d) => d !== "latest"),
  );
  const endLine = /end of run: [^\n]*/.exec(r.stderr + r.stdout)?.[0] ?? "";
  const endS = Number(/end of run: ([\d.]+) s/.exec(endLine)?.[1]);
  const endCpuS = Number(/CPU ([\d.]+) s/.exec(endLine)?.[1]);
  if (endLine) console.error(`${n}: ${endLine}`);
  const recordsMb = statSync(path.join(runDir, "profile_records.jsonl")).size / 2 ** 20;
  // A million streams leave gigabytes of exports: measured, then removed.
  rmSync(out, { recursive: true, force: true });
  return { n, rssMb, seconds, reqPerS: n / seconds, recordsMb, endS, endCpuS };
}

export async function memory({ bin, work, log, sizes = [50_000, 200_000], streaming = false, chunks = 20, defaultExporters = false, against }) {
  log("");
  if (!hasNginx()) {
    log("## Memory: skipped (nginx not installed: `apt-get install -y nginx`)");
    return [];
  }
  mkdirSync(work, { recursive: true });
  if (against) mkdirSync(path.join(work, "against"), { recursive: true });
  const nginx = await startNginx(work, 1, chunks);
  const rows = [];
  try {
    for (const n of sizes) {
      rows.push(measure(bin, work, streaming ? nginx.sseUrl : nginx.jsonUrl, n, streaming, defaultExporters));
      if (against)
        rows.push({ ...measure(against, path.join(work, "against"), streaming ? nginx.sseUrl : nginx.jsonUrl, n, streaming, defaultExporters), other: true });
    }
  } finally {
    await nginx.stop();
  }
  log(
    `## Memory: peak RSS, ${streaming ? `streaming (${chunks} chunks)` : "non-streaming"}, ${defaultExporters ? "default exporters" : "json and records exported"}, concurrency 64, nginx on core 1, aiperf on core 0 (load average ${os.loadavg()[0].toFixed(1)})`,
  );
  log("| requests | peak RSS (MB) | whole process (s) | req/s incl. start and exports | records file (MB) | end of run (s) | end of run, CPU (s) |");
  log("|---|---|---|---|---|---|---|");
  for (const r of rows)
    log(
      `| ${r.n}${r.other ? " (other build)" : ""} | ${r.rssMb.toFixed(0)} | ${r.seconds.toFixed(1)} | ${r.reqPerS.toFixed(0)} | ${r.recordsMb.toFixed(0)} | ${Number.isNaN(r.endS) ? "—" : r.endS.toFixed(2)} | ${Number.isNaN(r.endCpuS) ? "—" : r.endCpuS.toFixed(2)} |`,
    );
  const own = rows.filter((r) => !r.other);
  if (own.length >= 2) {
    const [a, b] = [own[0], own[own.length - 1]];
    const perReq = ((b.rssMb - a.rssMb) * 2 ** 20) / (b.n - a.n);
    log(
      `Slope: ${perReq.toFixed(0)} bytes of RSS per request; 1,000,000 requests ≈ ${(b.rssMb + (perReq * (1e6 - b.n)) / 2 ** 20).toFixed(0)} MB (extrapolated).`,
    );
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const args = process.argv.slice(2);
  const streaming = args.includes("--streaming");
  const sizes = args.filter((a, i) => /^\d+$/.test(a) && args[i - 1] !== "--against" && args[i - 1] !== "--chunks").map(Number);
  await memory({
    bin: path.join(root, "bin", "aiperf.js"),
    work: path.join(root, "bench", ".work", "memory"),
    log: console.log,
    streaming,
    ...(args.includes("--chunks") ? { chunks: Number(args[args.indexOf("--chunks") + 1]) } : {}),
    defaultExporters: args.includes("--default-exporters"),
    ...(args.includes("--against") ? { against: path.resolve(args[args.indexOf("--against") + 1], "bin", "aiperf.js") } : {}),
    ...(sizes.length ? { sizes } : {}),
  });
}
