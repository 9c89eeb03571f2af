// The request-rate ceiling of one core: `aiperf profile --request-rate R` against nginx (not the
// bottleneck, pinned to core 1) with aiperf pinned to core 0, under each stall policy. The target
// (issue #14): 10,000 req/s achieved on one core, or reported as not achieved. Also usable alone:
// `node bench/rateCeiling.js [seconds] [rate,rate,…]`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hasNginx, startNginx } from "./nginx.js";

/** One run: what the profiling phase sent and achieved, and whether the summary said it fell short. */
function run(bin, work, url, rate, policy, seconds) {
  const out = path.join(work, `rate-${rate}-${policy}`);
  const args = [bin, "profile", "--url", url, "--request-rate", String(rate), "--duration", `${seconds}s`, "--no-streaming", "--stall-policy", policy];
  const settings = ["phases.warmup.requests=0", "endpoint.preflight=false", "output.data_exporters=[json]", "timing.arrival=constant"];
  const r = spawnSync("taskset", ["-c", "0", process.execPath, ...args, "--output", out, "--ui", "none", ...settings.flatMap((s) => ["--set", s])], {
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`aiperf profile failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const results = JSON.parse(readFileSync(path.join(out, "latest", "profile_export.json"), "utf8"));
  const metric = (tag) => results.metrics.find((m) => m.tag === tag);
  const phase = results.phases.find((p) => p.phase === "profiling");
  return {
    sent: phase.sent,
    achieved: metric("achieved_rate")?.avg,
    late: metric("late_sends")?.avg ?? 0,
    warned: /could not keep up|fell behind/.test(r.stdout),
  };
}

export async function rateCeiling({ bin, work, log, seconds = 4, rates = [5000, 10000, 20000] }) {
  log("");
  if (!hasNginx()) {
    log("## Request-rate ceiling of one core: skipped (nginx not installed: `apt-get install -y nginx`)");
    return [];
  }
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const nginx = await startNginx(work, 1);
  const rows = [];
  try {
    for (const rate of rates) for (const policy of ["shift", "catch_up"]) rows.push({ rate, policy, ...run(bin, work, nginx.jsonUrl, rate, policy, seconds) });
  } finally {
    await nginx.stop();
  }
  log(
    `## Request-rate ceiling of one core: constant arrivals for ${seconds} s, JSON, aiperf on core 0, nginx on core 1 (load average ${os.loadavg()[0].toFixed(1)})`,
  );
  log("| requested req/s | stall policy | sent | achieved req/s | late sends | the summary warns (short of the rate, or late sends) |");
  log("|---|---|---|---|---|---|");
  for (const r of rows) log(`| ${r.rate} | ${r.policy} | ${r.sent} | ${r.achieved?.toFixed(0) ?? "—"} | ${r.late} | ${r.warned ? "yes" : "no"} |`);
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const [seconds, rates] = [Number(process.argv[2] ?? 4), process.argv[3]?.split(",").map(Number)];
  await rateCeiling({
    bin: path.join(root, "bin", "aiperf.js"),
    work: path.join(root, "bench", ".work", "rate"),
    log: console.log,
    seconds,
    ...(rates ? { rates } : {}),
  });
}
