import { afterEach, describe, expect, it } from "vitest";
import { aiperfBin, runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { hasTmux, shellQuote, TmuxPane } from "../helpers/tmux.js";

// Short phases: 8 warm-up and 40 profiling requests of 8 tokens each.
const SHORT = ["--requests", "40", "--set", "phases.warmup.requests=8", "--set", "endpoint.mock.output_tokens=8"];
const ESC = "\x1b";
const BAR_LINE = /^(warmup|profiling)\s+\[/;
const NO_TMUX = "tmux is not installed (.ci/run installs it)";

/** A shell command running the CLI in `dir` with exactly the colour variables given. */
function aiperfCommand(dir: string, args: readonly string[], env: Record<string, string> = {}): string {
  const assignments = Object.entries(env).map(([k, v]) => `${k}=${shellQuote(v)}`);
  return `cd ${shellQuote(dir)} && env -u FORCE_COLOR -u NO_COLOR ${assignments.join(" ")} ${shellQuote(process.execPath)} ${shellQuote(aiperfBin)} profile ${args.map(shellQuote).join(" ")}`;
}

/** The summary's lines: from its title to the end of the command's output. */
function summaryOf(text: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l.startsWith("Profile results"));
  const end = lines.findIndex((l) => l.startsWith(TmuxPane.EXIT_MARKER));
  expect(start, text).toBeGreaterThanOrEqual(0);
  return lines.slice(start, end < 0 ? undefined : end).filter((l, i, all) => i < all.length - 1 || l !== "");
}

/** The summary's last block: the run folder, then every file written into it. */
function exportsBlock(summary: readonly string[]): string[] {
  const start = summary.findIndex((l) => l.startsWith("Exports "));
  expect(start, summary.join("\n")).toBeGreaterThanOrEqual(0);
  const block = summary.slice(start);
  expect(
    block.slice(1).every((l) => /^ {12}\S/.test(l)),
    block.join("\n"),
  ).toBe(true);
  return block;
}

/** Log text must start a line of its own and never share a line with a bar. */
function expectNothingGlued(lines: readonly string[]): void {
  for (const line of lines) {
    if (line.includes("[aiperf]")) expect(line, "log text glued to other output").toMatch(/^\[aiperf\] /);
    if (BAR_LINE.test(line)) expect(line, "log text inside a bar line").not.toMatch(/\[aiperf\]|\^C|phase /);
  }
}

describe("the live view in a real terminal (tmux, 80x30)", () => {
  let pane: TmuxPane | undefined;
  let dir: string | undefined;
  afterEach(() => {
    pane?.kill();
    pane = undefined;
    if (dir) removeDir(dir);
    dir = undefined;
  });

  it("prints log lines above the bar, leaves one bar per phase at its true final count, and a colour summary that fits 80 columns and says what it measured", async (ctx) => {
    ctx.skip(!hasTmux, NO_TMUX);
    dir = tempDir("live-tty");
    // Request-rate mode: "sending complete" is logged while requests are still in flight, so
    // the bar is redrawn after it.
    pane = new TmuxPane(aiperfCommand(dir, [...SHORT, "--request-rate", "100"]));
    expect(await pane.exitCode()).toBe(0);
    const text = pane.capture({ join: true });
    const lines = text.split("\n");
    expectNothingGlued(lines);
    const bars = lines.filter((l) => BAR_LINE.test(l));
    expect(bars, text).toHaveLength(2);
    expect(bars[0]).toMatch(/^warmup\s+\[#+\] 8\/8 /);
    expect(bars[1]).toMatch(/^profiling\s+\[#+\] 40\/40 /);
    expect(text).toMatch(/^\[aiperf\] info: phase profiling sending complete: sent=40/m);
    expect(text).not.toMatch(/NaN|NFs|Infinity/);

    const summary = summaryOf(text);
    for (const line of summary) expect(line.length, line).toBeLessThanOrEqual(80);
    const joined = summary.join("\n");
    expect(joined).toMatch(/^URL\s+embedded mock server$/m);
    expect(joined).toMatch(/^Model\s+mock-model$/m);
    expect(joined).toMatch(/^Endpoint\s+openai_chat, streaming$/m);
    expect(joined).toMatch(/^Load\s+request rate 100 req\/s \(constant\)$/m);
    expect(joined).toMatch(/^Requests\s+40 sent, 40 completed, 0 errors$/m);
    expect(joined).toMatch(/Time to first token \(ms\)/);
    expect(exportsBlock(summary).slice(0, 3)).toEqual([
      expect.stringMatching(/^Exports {3}artifacts\/mock-model-openai_chat-[\w.-]+-\d{8}-\d{6}\/$/),
      "            profile_export.json",
      "            profile_export.csv",
    ]);
    // A terminal gets colours (which is what makes the NO_COLOR test below meaningful).
    expect(pane.capture({ escapes: true })).toContain(ESC);
  }, 90_000);

  it("NO_COLOR=1: not one escape code on the screen", async (ctx) => {
    ctx.skip(!hasTmux, NO_TMUX);
    dir = tempDir("live-nocolor");
    pane = new TmuxPane(aiperfCommand(dir, SHORT, { NO_COLOR: "1" }));
    expect(await pane.exitCode()).toBe(0);
    const screen = pane.capture({ escapes: true });
    expect(screen).toMatch(/^profiling\s+\[#+\] 40\/40 /m);
    expect(screen).not.toContain(ESC);
  }, 90_000);

  it("Ctrl-C: the notice prints above the bar, which stays one line; a time-bounded phase shows elapsed time, never an ETA", async (ctx) => {
    ctx.skip(!hasTmux, NO_TMUX);
    dir = tempDir("live-sigint");
    pane = new TmuxPane(aiperfCommand(dir, ["--duration", "120s", "--set", "phases.warmup.requests=0"]));
    await pane.waitFor(/^profiling\s+\[.*\d+ done .*\/2m00s/m);
    pane.sendKeys("C-c");
    expect(await pane.exitCode()).toBe(130);
    const text = pane.capture({ join: true });
    const lines = text.split("\n");
    expectNothingGlued(lines);
    expect(
      lines.filter((l) => BAR_LINE.test(l)),
      text,
    ).toHaveLength(1);
    expect(lines).toContain(
      "[aiperf] interrupted: stopping sending, waiting up to 2 s for requests in flight, then writing exports (Ctrl-C again to quit now)",
    );
    expect(text).not.toMatch(/ETA|NaN|NFs/);
    expect(summaryOf(text).join("\n")).toMatch(/^Duration\s+.* profiling \(whole run .*\), interrupted$/m);
  }, 90_000);
});

describe("the CLI in a pipe", () => {
  it("plain lines: each phase event once, no escape codes, the summary within 80 columns ending with the exports", async () => {
    const dir = tempDir("pipe");
    try {
      const { code, stdout, stderr } = await runCli(["profile", ...SHORT], { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: undefined } });
      expect(code, stderr).toBe(0);
      for (const phase of ["warmup", "profiling"])
        for (const event of ["started", "sending complete", "complete"]) {
          const lines = stderr.split("\n").filter((l) => l.startsWith(`[aiperf] info: phase ${phase} ${event}:`));
          expect(lines, `${phase} ${event} in:\n${stderr}`).toHaveLength(1);
        }
      expect(stdout + stderr).not.toContain(ESC);
      expectNothingGlued(stderr.split("\n"));
      const summary = summaryOf(stdout);
      for (const line of summary) expect(line.length, line).toBeLessThanOrEqual(80);
      expect(exportsBlock(summary).slice(0, 3)).toEqual([
        expect.stringMatching(/^Exports {3}artifacts\/mock-model-openai_chat-[\w.-]+-\d{8}-\d{6}\/$/),
        "            profile_export.json",
        "            profile_export.csv",
      ]);
    } finally {
      removeDir(dir);
    }
  }, 60_000);

  it("FORCE_COLOR colours the summary in a pipe; NO_COLOR wins over it", async () => {
    const dir = tempDir("pipe-color");
    try {
      const args = ["profile", ...SHORT, "--set", "phases.warmup.requests=0", "--output", dir];
      const forced = await runCli(args, { cwd: dir, env: { NO_COLOR: undefined, FORCE_COLOR: "1" } });
      expect(forced.code, forced.stderr).toBe(0);
      expect(forced.stdout).toContain(ESC);
      const both = await runCli(args, { cwd: dir, env: { NO_COLOR: "1", FORCE_COLOR: "1" } });
      expect(both.code, both.stderr).toBe(0);
      expect(both.stdout + both.stderr).not.toContain(ESC);
    } finally {
      removeDir(dir);
    }
  }, 60_000);
});
