import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { aiperfBin } from "../helpers/cli.js";
import { writeFiles } from "../helpers/fixtures.js";
import { holdingServer } from "../helpers/holdingServer.js";
import { exportsOf, folders, QUICK_OUT, SECRET, STACK, WITH_KEY } from "./hostile.js";

const dirFor = folders();

/**
 * Starts `aiperf profile` against a server that holds every request; once the first request has
 * arrived (an event, not a delay) sends `signals` one after another, each after the previous one's
 * notice was printed. Resolves with the exit code, the output and the exports.
 */
async function interrupt(signals: NodeJS.Signals[]) {
  const server = await holdingServer();
  const dir = dirFor("signals");
  writeFiles(dir, {
    "c.yaml": `phases: { warmup: { requests: 0 }, profiling: { requests: 50 } }\n${QUICK_OUT}${WITH_KEY}timing: { strategy: concurrency, concurrency: 2 }\n`,
  });
  const child = spawn(process.execPath, [aiperfBin, "profile", "-c", "c.yaml", "--url", server.url, "--model", "m"], {
    cwd: dir,
    env: { ...process.env, OPENAI_API_KEY: SECRET, AIPERF_NO_CACHE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const notices: (() => void)[] = [];
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => {
    stderr += d;
    if (/received: stopping sending|interrupted: stopping sending/.test(stderr)) for (const n of notices.splice(0)) n();
  });
  const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  try {
    await server.until((s) => s.received >= 1);
    for (const [i, signal] of signals.entries()) {
      const noticed = i === 0 ? new Promise<void>((resolve) => notices.push(resolve)) : undefined;
      child.kill(signal);
      await noticed;
    }
    const code = await closed;
    return { code, stdout, stderr, exported: exportsOf(path.join(dir, "out")) };
  } finally {
    child.kill("SIGKILL");
    await server.stop();
  }
}

describe("signals stop a run like Ctrl-C: measurements are written, the exit code names the signal", () => {
  it.each([
    ["SIGTERM", 143, "SIGTERM received"],
    ["SIGHUP", 129, "SIGHUP received"],
    ["SIGINT", 130, "interrupted"],
  ] as const)("%s mid-run writes the exports and exits %i", async (signal, code, notice) => {
    const run = await interrupt([signal]);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stderr).toContain(`[aiperf] ${notice}: stopping sending`);
    const exported = JSON.parse(run.exported["profile_export.json"] ?? "{}");
    expect(exported.interrupted).toBe(true);
    // No measurement is lost: every request sent is completed, failed or cancelled, none in flight.
    const profiling = exported.phases.find((p: { phase: string }) => p.phase === "profiling");
    expect(profiling.sent).toBeGreaterThan(0);
    expect(profiling.completed + profiling.errors + profiling.cancelled).toBe(profiling.sent);
    expect(run.stderr).not.toMatch(STACK);
    for (const text of [run.stdout, run.stderr, ...Object.values(run.exported)]) expect(text).not.toContain(SECRET);
  });

  it("a second SIGTERM quits at once with 143", async () => {
    const run = await interrupt(["SIGTERM", "SIGTERM"]);
    expect(run.code).toBe(143);
    expect(run.stderr).not.toMatch(STACK);
  });

  it("a stop signal after the last request: the exports are finished, the notice says so, and the exit code still names the signal", async () => {
    const dir = dirFor("signals");
    // An exporter that waits for the signal itself: the signal certainly comes while exports are written.
    writeFiles(dir, {
      "slow/registry.yaml": "plugin: { name: slow }\ndata_exporter:\n  slow: { class: ./exporter.js:SlowExporter }\n",
      "slow/exporter.js": `export class SlowExporter {
  async export() {
    // A signal listener does not keep the process alive: a timer that never fires does.
    const alive = setInterval(() => {}, 2 ** 30);
    const signalled = new Promise((resolve) => process.once("SIGINT", resolve));
    process.stderr.write("[slow] exporting\\n");
    await signalled;
    clearInterval(alive);
    return [];
  }
}
`,
      "c.yaml": `plugins: { paths: [slow] }
endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 2 } }
phases: { warmup: { requests: 0 }, profiling: { requests: 5 } }
output: { dir: out, data_exporters: [json, slow], console_exporters: [] }
ui: { type: none }
`,
    });
    const child = spawn(process.execPath, [aiperfBin, "profile", "-c", "c.yaml"], {
      cwd: dir,
      env: { ...process.env, AIPERF_NO_CACHE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stdout.resume();
    const exporting = new Promise<void>((resolve) =>
      child.stderr.on("data", (d) => {
        stderr += d;
        if (stderr.includes("[slow] exporting")) resolve();
      }),
    );
    const closed = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      await exporting;
      child.kill("SIGINT");
      expect(await closed, stderr).toBe(130);
      expect(stderr).toContain("[aiperf] interrupted: the requests are done, the exports are being written (Ctrl-C again to quit now)");
      expect(stderr).not.toContain("stopping sending");
      const exported = JSON.parse(exportsOf(path.join(dir, "out"))["profile_export.json"] ?? "{}");
      expect(exported.interrupted).toBe(false);
      expect(exported.phases.find((p: { phase: string }) => p.phase === "profiling").completed).toBe(5);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
