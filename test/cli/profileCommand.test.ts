import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { holdingServer } from "../helpers/holdingServer.js";

describe("aiperf profile", () => {
  it("with no arguments runs the embedded default (warm-up and profiling), prints the table, writes both exports, exits 0", async () => {
    const dir = tempDir("cli-default");
    try {
      const { code, stdout, stderr } = await runCli(["profile"], { cwd: dir });
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/Time to first token \(ms\)/);
      expect(stdout).toMatch(/Request throughput/);
      expect(stderr).toMatch(/phase warmup complete: sent=16 completed=16/);
      expect(stderr).toMatch(/phase profiling complete: sent=200 completed=200 errors=0/);
      const exported = JSON.parse(readFileSync(path.join(dir, "artifacts", "latest", "profile_export.json"), "utf8"));
      expect(exported.phases.map((p: { phase: string }) => p.phase)).toEqual(["warmup", "profiling"]);
      expect(existsSync(path.join(dir, "artifacts", "latest", "profile_export.csv"))).toBe(true);
    } finally {
      removeDir(dir);
    }
  });

  it("masks the api key in the export and never prints it", async () => {
    const dir = tempDir("cli-secret");
    const secret = "sk-test-9d8c7b6a5f4e";
    try {
      const { code, stdout, stderr } = await runCli(
        ["profile", "--requests", "4", "--set", "phases.warmup.requests=0", "--ui", "simple", "--output", dir, "--debug"],
        {
          cwd: dir,
          env: { OPENAI_API_KEY: secret },
        },
      );
      expect(code).toBe(0);
      const exported = readFileSync(path.join(dir, "latest", "profile_export.json"), "utf8");
      expect(JSON.parse(exported).config.endpoint.api_key).toBe("***");
      for (const text of [stdout, stderr, exported]) expect(text).not.toContain(secret);
    } finally {
      removeDir(dir);
    }
  });

  it("an export that cannot be written is named on stderr and the run exits 1, the other exports written", async () => {
    const dir = tempDir("cli-export-fails");
    try {
      // A folder where profile_export.csv should go (a full disk fails the same way, at the write).
      mkdirSync(path.join(dir, "profile_export.csv", "inside"), { recursive: true });
      const { code, stderr } = await runCli(["profile", "--requests", "4", "--set", "phases.warmup.requests=0", "--set", "output.flat=true", "--output", dir], {
        cwd: dir,
      });
      expect(code).toBe(1);
      expect(stderr).toMatch(/error: export by CsvExporter failed/);
      expect(stderr).toMatch(/error: 1 export\(s\) could not be written: CsvExporter/);
      expect(stderr).not.toMatch(/every request failed/);
      expect(existsSync(path.join(dir, "profile_export.json"))).toBe(true);
    } finally {
      removeDir(dir);
    }
  });

  it("a config error exits 2 with the code, the path and a suggestion, and no stack trace", async () => {
    const { code, stderr } = await runCli(["profile", "--set", "timing.concurency=4"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/error AIPERF_CONFIG_INVALID/);
    expect(stderr).toMatch(/Did you mean "concurrency"\?/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("an unknown endpoint type exits 2 listing what is available", async () => {
    const { code, stderr } = await runCli(["profile", "--set", "endpoint.type=openai_chta"]);
    expect(code).toBe(2);
    expect(stderr).toContain(
      'error AIPERF_TYPE_NOT_FOUND: --set endpoint.type: No endpoint named "openai_chta". Available: openai_chat, openai_completions. Did you mean "openai_chat"?',
    );
  });

  it("a bad flag value is reported under the flag the user typed, a bad --set under its key", async () => {
    const flag = await runCli(["profile", "--concurrency", "abc"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--concurrency: timing.concurrency: "concurrency" must be an integer number');
    expect(flag.stderr).not.toContain("--set");
    const stall = await runCli(["profile", "--request-rate", "5", "--stall-policy", "skp"]);
    expect(stall.stderr).toContain('--stall-policy: timing.stall_policy: "stall_policy" must be one of catch_up, shift, skip (did you mean "skip"?)');
    // One problem, said once, in plain words.
    const negative = await runCli(["profile", "--requests", "-5"]);
    expect(negative.stderr.match(/^ {2}- /gm)).toHaveLength(1);
    expect(negative.stderr).toContain('--requests: phases.profiling.requests: "requests" must not be less than 0');
    // A rule over the whole phase, broken by the flag: the flag is named, not the defaults file.
    const zero = await runCli(["profile", "--requests", "0"]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--requests: phases.profiling: set requests (at least 1) or duration_s");
    expect(zero.stderr).not.toContain("default.yaml");
    const rate = await runCli(["profile", "--request-rate", "abc"]);
    expect(rate.stderr.match(/^ {2}- /gm)).toHaveLength(1);
    expect(rate.stderr).toContain('--request-rate: timing.rate: "rate" must be a number');
    const misplaced = await runCli(["profile", "--concurrency", "4", "--stall-policy", "skip"]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain("error AIPERF_USAGE: --stall-policy applies to --request-rate and trace replay runs, not to --concurrency");
    const set = await runCli(["profile", "--set", "timing.concurrency=0"]);
    expect(set.code).toBe(2);
    expect(set.stderr).toContain('--set timing.concurrency: timing.concurrency: "concurrency" must not be less than 1');
  });

  it("an unknown flag is a usage error (exit 2)", async () => {
    const { code, stderr } = await runCli(["profile", "--concurency", "3"]);
    expect(code).toBe(2);
    expect(stderr).toContain("error AIPERF_USAGE: unknown option '--concurency'");
    expect(stderr).toContain("Did you mean --concurrency?");
  });
});

describe("aiperf profile, interrupted", () => {
  it.each([
    ["SIGINT", 130, "interrupted"],
    ["SIGTERM", 143, "SIGTERM received"],
    ["SIGHUP", 129, "SIGHUP received"],
  ] as const)("%s stops sending, finishes the phase hooks, writes the exports of what was measured, and exits %i", async (signal, exitCode, notice) => {
    const { spawn } = await import("node:child_process");
    const { aiperfBin } = await import("../helpers/cli.js");
    // The server answers the first 8 requests and holds the rest, so Ctrl-C lands mid-run by
    // construction: sent once the server holds a request, with at most 8 + 4 sent in all.
    const server = await holdingServer((s) => s.received <= 8);
    const dir = tempDir("cli-sigint");
    try {
      const child = spawn(
        process.execPath,
        [
          aiperfBin,
          "profile",
          "--url",
          server.url,
          "--concurrency",
          "4",
          "--requests",
          "100000",
          "--set",
          "phases.warmup.requests=0",
          "--ui",
          "simple",
          "--output",
          dir,
        ],
        { cwd: dir },
      );
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      await server.until((s) => s.received > 8);
      child.kill(signal);
      const code = await closed;
      expect(code, stderr).toBe(exitCode);
      expect(stderr).toContain(`${notice}: stopping sending`);
      expect(stderr).toMatch(/phase profiling complete/);
      const exported = JSON.parse(readFileSync(path.join(dir, "latest", "profile_export.json"), "utf8"));
      expect(exported.interrupted).toBe(true);
      const profiling = exported.phases.find((p: { phase: string }) => p.phase === "profiling");
      expect(profiling.sent).toBeGreaterThan(8);
      expect(profiling.sent).toBeLessThanOrEqual(8 + 4);
      expect(profiling.completed).toBeLessThanOrEqual(8);
      // What the server held can only end by being cancelled.
      expect(profiling.cancelled).toBeGreaterThanOrEqual(1);
      expect(profiling.completed + profiling.cancelled).toBe(profiling.sent);
      expect(exported.request_count).toBe(profiling.sent);
    } finally {
      await server.stop();
      removeDir(dir);
    }
  });
});
