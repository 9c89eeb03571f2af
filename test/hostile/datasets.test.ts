import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliIn, expectClean, folders, QUICK, SECRET } from "./hostile.js";

const dirFor = folders();

/** Hostile dataset files: refused before anything is sent with AIPERF_DATASET_INVALID, file:line and the reason. */
const datasets: [name: string, content: string | null, error: RegExp, loader?: string][] = [
  ["a line that is not JSON", '{"text": "a"}\nnot json\n', /data\.jsonl:2: not valid JSON/],
  ["a line that is a JSON list", '{"text": "a"}\n[1, 2]\n', /data\.jsonl:2: expected a JSON object/],
  ["a line that is null", "null\n", /data\.jsonl:1: expected a JSON object/],
  ["a secret in a bad line is not quoted back in full", `{"text": "a"}\n{"api_key": "${SECRET}"\n`, /data\.jsonl:2: not valid JSON/],
  [
    "a trace line with a negative length",
    '{"timestamp": 0, "input_length": -5, "output_length": 3}\n',
    /data\.jsonl:1: "input_length" must be a positive integer/,
    "mooncake_trace",
  ],
  ["a trace line with a string timestamp", '{"timestamp": "soon", "input_length": 5, "output_length": 3}\n', /data\.jsonl:1: .*timestamp/, "mooncake_trace"],
  ["a file that does not exist", null, /data\.jsonl:0: cannot read the file: ENOENT/],
];

describe("hostile dataset files are refused before anything is sent", () => {
  it.concurrent.each(datasets)("%s", async (_, content, error, loader = "single_turn") => {
    const dir = dirFor("datasets");
    const files: Record<string, string> = {
      "c.yaml": `${QUICK}dataset: { composer: custom, loader: ${loader}, file: data.jsonl }\n`,
      ...(content === null ? {} : { "data.jsonl": content }),
    };
    const run = await cliIn(dir, files, ["profile", "-c", "c.yaml"]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error AIPERF_DATASET_INVALID: /);
    expect(run.stderr).toMatch(error);
    expect(run.exported).toEqual({});
    expect(run.stderr).not.toContain(SECRET);
    expectClean(run);
  });

  it.each([
    ["a FIFO (reading it would wait forever)", (file: string) => execFileSync("mkfifo", [file])],
    ["a directory", (file: string) => execFileSync("mkdir", [file])],
  ])("a dataset file that is %s is refused, not waited on", async (_, make) => {
    const dir = dirFor("datasets");
    make(path.join(dir, "data.jsonl"));
    const run = await cliIn(dir, { "c.yaml": `${QUICK}dataset: { composer: custom, file: data.jsonl }\n` }, ["profile", "-c", "c.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error AIPERF_DATASET_INVALID: [\s\S]*data\.jsonl:0: cannot read the file: not a regular file/);
    expectClean(run);
  });

  it("with skip_invalid_lines the bad lines are reported and the good ones measured", async () => {
    const dir = dirFor("datasets");
    const run = await cliIn(
      dir,
      {
        "c.yaml": `${QUICK}dataset: { composer: custom, file: data.jsonl, skip_invalid_lines: true }\n`,
        "data.jsonl": '{"text": "a"}\n{oops\n{"text": "b"}\n',
      },
      ["profile", "-c", "c.yaml"],
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/skipped .*data\.jsonl:2: not valid JSON/);
    expect(JSON.parse(run.exported["profile_export.json"] ?? "{}").phases[0].completed).toBe(2);
    expectClean(run);
  });
});

/** The plugins commands given names and paths that do not exist: a coded usage error, exit 2 (validate: 1). */
const commands: [args: string[], code: number, error: RegExp][] = [
  [["plugins", "show", "phase_hook", "nope"], 2, /^error AIPERF_TYPE_NOT_FOUND: No phase_hook named "nope"\. Available: phase_logging/],
  [["plugins", "list", "bogus_proto"], 2, /^error AIPERF_UNKNOWN_PROTOCOL: Unknown protocol "bogus_proto"\. Available: /],
  [["plugins", "info", "nope"], 2, /^error AIPERF_TYPE_NOT_FOUND: No plugin named "nope"/],
  [["plugins", "new", "../escape"], 2, /^error AIPERF_USAGE: plugin name "\.\.\/escape" must be lower case letters/],
  [["plugins", "new", "Bad Name!"], 2, /^error AIPERF_USAGE: plugin name "Bad Name!" must be lower case letters/],
  [["plugins", "show"], 2, /missing required argument 'protocol'/],
];

describe("plugins commands with hostile arguments", () => {
  it.concurrent.each(commands)("aiperf %j", async (args, code, error) => {
    const run = await cliIn(dirFor("cmd"), {}, args);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(error);
    expectClean(run);
  });

  it("plugins validate on a path that does not exist reports AIPERF_PLUGIN_NOT_FOUND and exits 1", async () => {
    const run = await cliIn(dirFor("cmd"), {}, ["plugins", "validate", "/nonexistent/x"]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/\/nonexistent\/x\s+AIPERF_PLUGIN_NOT_FOUND\s+.*is not a registry file/);
    expectClean(run);
  });
});
