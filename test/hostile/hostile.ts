import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, expect } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

/**
 * Folders for one test file, removed after all of its tests: cases run concurrently, so a
 * per-test cleanup would remove the folders of cases still running.
 */
export function folders(): (prefix: string) => string {
  const made: string[] = [];
  afterAll(() => {
    for (const d of made.splice(0)) removeDir(d);
  });
  return (prefix) => {
    const d = tempDir(prefix);
    made.push(d);
    return d;
  };
}

/** A stack frame line: never printed without --debug. */
export const STACK = /^\s+at .*:\d+/m;

/** The secret every hostile case carries somewhere; it must never be shown or written. */
export const SECRET = "sk-HOSTILE-7f3a9c21e8";

/** The output of a quick run: one JSON export, no console exporters, no UI. */
export const QUICK_OUT = `output: { dir: out, data_exporters: [json], console_exporters: [] }
ui: { type: none }
`;

/** The api key taken from OPENAI_API_KEY, as the embedded default config does. */
export const WITH_KEY = `endpoint: { api_key: "$${"{"}OPENAI_API_KEY}" }\n`;

/** A quick run: no warm-up, two requests (what follows it in a file starts on line 4). */
export const QUICK = `phases: { warmup: { requests: 0 }, profiling: { requests: 2 } }
${QUICK_OUT}`;

export interface CliOutcome {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Every file under `<dir>/out/latest/`, by name. */
  exported: Record<string, string>;
}

/** Writes `files` into `dir`, runs the CLI there and collects what it exported. */
export async function cliIn(dir: string, files: Record<string, string>, args: readonly string[], env: Record<string, string> = {}): Promise<CliOutcome> {
  writeFiles(dir, files);
  const run = await runCli(args, { cwd: dir, env: { AIPERF_NO_CACHE: "1", ...env } });
  return { ...run, exported: exportsOf(path.join(dir, "out")) };
}

/** The files of the newest run folder under `outDir` (`latest/`), or none. */
export function exportsOf(outDir: string): Record<string, string> {
  const latest = path.join(outDir, "latest");
  if (!existsSync(latest)) return {};
  const files: Record<string, string> = {};
  for (const name of readdirSync(latest)) {
    const file = path.join(latest, name);
    if (statSync(file).isFile()) files[name] = readFileSync(file, "utf8");
  }
  return files;
}

/** The promises every case shares: no stack trace, and the secret nowhere in output or exports. */
export function expectClean(outcome: CliOutcome, secret = SECRET): void {
  expect(outcome.stderr).not.toMatch(STACK);
  expect(outcome.stdout).not.toMatch(STACK);
  expect(outcome.stdout).not.toContain(secret);
  expect(outcome.stderr).not.toContain(secret);
  for (const [name, text] of Object.entries(outcome.exported)) expect(text, name).not.toContain(secret);
}
