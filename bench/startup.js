// Start-up: time from spawning `aiperf profile` to its first request arriving at a local server,
// minus the time `node -e 0` takes to run, median of N alternating runs. Also usable alone:
// `node bench/startup.js [runs] [--against OTHER_CHECKOUT]` (another build, alternating with this one).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Spawns `args` and resolves with ms until `firstHit` fires (or the process exits, for `node -e 0`),
 * once the process has exited: a run still sending must not be counted as the next run's first request.
 */
function timeToFirst(args, cwd, firstHit) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    let ms;
    firstHit?.(() => {
      ms ??= Number(process.hrtime.bigint() - t0) / 1e6;
    });
    child.on("close", (code) => {
      if (!firstHit) resolve(Number(process.hrtime.bigint() - t0) / 1e6);
      else if (ms === undefined) reject(new Error(`exited ${code} before its first request: ${err}`));
      else resolve(ms);
    });
  });
}

/** `runs` alternating rounds; returns { node, profile, above } medians in ms. */
export async function startup({ bin, work, log, runs = 7, against }) {
  let onHit;
  const server = http.createServer((req, res) => {
    onHit?.();
    onHit = undefined;
    req.resume();
    req.on("end", () => {
      res.setHeader("content-type", "application/json");
      res.end(
        JSON.stringify({
          id: "x",
          object: "chat.completion",
          choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 1, completion_tokens: 1 },
        }),
      );
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${server.address().port}`;
  const args = [
    bin,
    "profile",
    "--url",
    url,
    "--requests",
    "1",
    "--concurrency",
    "1",
    "--ui",
    "none",
    "--quiet",
    "--output",
    path.join(work, "startup"),
    "--set",
    "phases.warmup.requests=0",
    "--set",
    "endpoint.preflight=false",
  ];
  const node = [];
  const profile = [];
  const other = [];
  // Each build runs in its own folder: builds sharing one app folder share its manifest cache, and
  // each run would drop the other build's entry, so every run would parse registry.yaml anew.
  const otherWork = path.join(work, "against");
  if (against) mkdirSync(otherWork, { recursive: true });
  const first = (script, cwd = work) =>
    timeToFirst([script, ...args.slice(1)], cwd, (f) => {
      onHit = f;
    });
  await first(bin); // warms the manifest cache and the disk
  if (against) await first(against, otherWork);
  for (let i = 0; i < runs; i++) {
    node.push(await timeToFirst(["-e", "0"], work));
    profile.push(await first(bin));
    // Another build (`--against DIR`) alternates with this one, so both see the same machine.
    if (against) other.push(await first(against, otherWork));
  }
  server.close();
  const result = { node: median(node), profile: median(profile), above: median(profile) - median(node) };
  log?.("");
  log?.(`## Start-up: \`aiperf profile\` to its first request, median of ${runs} (ms; load average ${os.loadavg()[0].toFixed(1)})`);
  log?.(`| node -e 0 | aiperf profile → first request | above node (target ≤ 300) |${against ? " other build → first request | above node |" : ""}`);
  log?.(`|---|---|---|${against ? "---|---|" : ""}`);
  const more = against ? ` ${median(other).toFixed(0)} | ${(median(other) - result.node).toFixed(0)} |` : "";
  log?.(`| ${result.node.toFixed(0)} | ${result.profile.toFixed(0)} | ${result.above.toFixed(0)} |${more}`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const work = path.join(root, "bench", ".work");
  mkdirSync(work, { recursive: true });
  const at = process.argv.indexOf("--against");
  const against = at > 0 ? path.resolve(process.argv[at + 1], "bin", "aiperf.js") : undefined;
  const runs = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 7);
  await startup({ bin: path.join(root, "bin", "aiperf.js"), work, log: console.log, runs, against });
}
