// npm run bench: whole-process discovery (cold and warm cache), in-process resolution and phase-event
// dispatch, the load generator, timing accuracy, start-up, memory, the fidelity suite and the load
// generator against nginx. Every figure is a median of repeated runs, or a comparison, taken side by
// side in this one run. `--no-loadgen` and `--no-timing` skip sections; `--only=a,b` runs only the
// named parts (core, loadgen, timing, startup, memory, fidelity, managers, nginx, rate); `--rounds=N` repeats the
// fidelity and nginx parts.
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Container, CreditPhase, PhaseHook, PhaseOrchestrator, PhaseTracker } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { fidelity } from "./fidelity.js";
import { loadgen } from "./loadgen.js";
import { memory } from "./memory.js";
import { nginxLoadgen } from "./nginxLoadgen.js";
import { rateCeiling } from "./rateCeiling.js";
import { serviceManagers } from "./serviceManagers.js";
import { startup } from "./startup.js";
import { timingAccuracy } from "./timingAccuracy.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = path.join(root, "bin", "aiperf.js");
const work = path.join(root, "bench", ".work");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = [];
const only = process.argv
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const rounds = Number(process.argv.find((a) => a.startsWith("--rounds="))?.slice("--rounds=".length) ?? 1);
const wants = (part) => (only ? only.includes(part) : !process.argv.includes(`--no-${part}`));
const log = (line) => {
  out.push(line);
  console.log(line);
};

function tree(plugins, entries) {
  const dir = path.join(work, `tree-${plugins}`);
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < plugins; i++) {
    const p = path.join(dir, "plugins", `p${i}`);
    mkdirSync(p, { recursive: true });
    const lines = [`plugin: { name: p${i}, version: 1.0.0 }`, "phase_hook:"];
    for (let j = 0; j < entries; j++) lines.push(`  h_${i}_${j}:\n    class: ./h.js:H\n    description: generated hook ${j}\n    tags: [bench]`);
    writeFileSync(path.join(p, "registry.yaml"), `${lines.join("\n")}\n`);
    // Importing this would throw: the benchmark fails loudly if discovery imports code.
    writeFileSync(path.join(p, "h.js"), 'throw new Error("discovery imported implementation code");\n');
  }
  return dir;
}

function wall(args, cwd, env = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`${args.join(" ")} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

log(
  `# aiperf benchmarks — ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}`,
);
if (wants("core")) await core();
if (wants("loadgen")) await loadgen({ root, bin, work: path.join(work, "loadgen"), log });
if (wants("timing")) await timingAccuracy({ bin, work: path.join(work, "timing"), log });
if (wants("startup")) await startup({ bin, work: mkdir(path.join(work, "startup")), log });
if (wants("memory")) await memory({ bin, work: path.join(work, "memory"), log });
if (wants("fidelity")) await fidelity({ bin, work: path.join(work, "fidelity"), log, rounds });
if (wants("managers")) await serviceManagers({ bin, work: path.join(work, "managers"), log, rounds });
if (wants("nginx")) await nginxLoadgen({ root, bin, work: path.join(work, "nginx"), log, rounds: Math.max(2, rounds) });
if (wants("rate")) await rateCeiling({ bin, work: path.join(work, "rate"), log });

rmSync(work, { recursive: true, force: true });
mkdirSync(path.join(root, "bench", "results"), { recursive: true });
writeFileSync(path.join(root, "bench", "results", "latest.md"), `${out.join("\n")}\n`);

function mkdir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Discovery, resolution and phase-event dispatch. */
async function core() {
  log("");
  log("## Discovery: `aiperf plugins list --json`, whole process, median of 5 (ms)");
  log("| plugins × 10 entries | node -e 0 | cold (no cache) | warm (cache) | cold per plugin above node | warm per plugin above node |");
  log("|---|---|---|---|---|---|");
  for (const n of [10, 100, 500]) {
    const dir = tree(n, 10);
    const base = [];
    const cold = [];
    const warm = [];
    wall([bin, "plugins", "list", "--json"], dir); // writes the cache
    for (let i = 0; i < 5; i++) {
      base.push(wall(["-e", "0"], dir));
      cold.push(wall([bin, "plugins", "list", "--json"], dir, { AIPERF_NO_CACHE: "1" }));
      warm.push(wall([bin, "plugins", "list", "--json"], dir));
    }
    const [b, c, w] = [median(base), median(cold), median(warm)];
    log(`| ${n} | ${b.toFixed(0)} | ${c.toFixed(0)} | ${w.toFixed(0)} | ${((c - b) / n).toFixed(2)} | ${((w - b) / n).toFixed(2)} |`);
  }

  async function perOp(fn, iterations) {
    const samples = [];
    for (let s = 0; s < 7; s++) {
      const t = process.hrtime.bigint();
      for (let i = 0; i < iterations; i++) await fn();
      samples.push(Number(process.hrtime.bigint() - t) / iterations);
    }
    return median(samples);
  }

  const hooksDir = path.join(work, "hooks");
  rmSync(hooksDir, { recursive: true, force: true });
  mkdirSync(path.join(hooksDir, "plugins", "h"), { recursive: true });
  writeFileSync(
    path.join(hooksDir, "plugins", "h", "registry.yaml"),
    `plugin: { name: h }\nphase_hook:\n${Array.from({ length: 50 }, (_, i) => `  noop_${i}: { class: ./h.js:Noop }`).join("\n")}\n`,
  );
  writeFileSync(path.join(hooksDir, "plugins", "h", "h.js"), "export class Noop { async onPhaseStart() {} }\n");
  const app = await createTestApp({
    root: hooksDir,
    builtin: false,
    noCache: true,
    config: { plugins: { phase_hooks: Array.from({ length: 50 }, (_, i) => `noop_${i}`) } },
  });
  await app.get(PhaseHook, "noop_0");
  const plain = new Container();
  plain.bind("constant").toConstantValue({});
  class Direct {
    async onPhaseStart() {}
  }

  log("");
  log("## Resolution, in process, median of 7 × N calls (ns per call)");
  log("| what | ns |");
  log("|---|---|");
  const warmGet = await perOp(() => app.get(PhaseHook, "noop_0"), 100_000);
  const inversify = await perOp(() => plain.getAsync("constant"), 100_000);
  const direct = await perOp(() => new Direct(), 100_000);
  log(`| warm app.get of a lazy implementation | ${warmGet.toFixed(0)} |`);
  log(`| inversify getAsync of a constant singleton | ${inversify.toFixed(0)} |`);
  log(`| direct construction (await new X()) | ${direct.toFixed(0)} |`);
  log(`| ratio app.get / inversify getAsync | ${(warmGet / inversify).toFixed(2)} (target ≤ 2) |`);
  const getAll = await perOp(() => app.getAll(PhaseHook), 2_000);
  log(`| app.getAll of 50 hooks | ${getAll.toFixed(0)} |`);

  const orchestrator = await app.get(PhaseOrchestrator);
  const tracker = new PhaseTracker(CreditPhase.Profiling);
  const dispatch = await perOp(() => orchestrator.fire("onPhaseStart", CreditPhase.Profiling, tracker), 5_000);
  log("");
  log("## Phase-event dispatch to 50 no-op hooks, with per-hook timeout and isolation");
  log(`| one event | ${(dispatch / 1000).toFixed(1)} µs (target ≤ 25 µs) |`);
  await app.dispose();
}
