import { describe, expect, it } from "vitest";
import { cliIn, expectClean, folders, QUICK, QUICK_OUT, SECRET } from "./hostile.js";

const dirFor = folders();

/** `${NAME}` as the config file writes it. */
const ref = (inner: string) => `$${"{"}${inner}}`;

const bombLines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"].concat([..."bcdef"].map((c, i) => `${c}: &${c} [${Array(10).fill(`*${"abcdef"[i]}`).join(", ")}]`));

/**
 * Hostile config files: each is refused before anything is sent with exit 2, one coded error
 * (`error` matches its line) and, where the file says where, `at` as file:line:col. Every file
 * also carries the secret as `endpoint.api_key`, which no message may quote.
 */
const files: [name: string, body: string, error: RegExp, at?: string][] = [
  ["an unknown top-level key", "bogus: 1\n", /unknown key "bogus"\. Valid keys: dataset, endpoint/, "c.yaml:4:1"],
  [
    "an unknown key under endpoint, with the closest one",
    "endpoint: { api_key: KEY, urll: x }\n",
    /endpoint\.urll: unknown key "urll"\. Did you mean "url"\?/,
    "c.yaml:4:",
  ],
  [
    "an unknown key of the mock server's own config",
    "endpoint: { api_key: KEY, mock: { ttft: 1 } }\n",
    /endpoint\.mock\.ttft: unknown key "ttft"\. Did you mean "ttft_ms"\?/,
  ],
  [
    "an unknown key of the timing strategy's own config",
    "timing: { strategy: concurrency, concurency: 2 }\n",
    /timing\.concurency: unknown key "concurency"\. Did you mean "concurrency"\?/,
  ],
  ["an unknown key in a phase", "phases: { profiling: { requestz: 2 } }\n", /phases\.profiling\.requestz: unknown key/],
  ["a word where a number is expected", "timing: { strategy: concurrency, concurrency: lots }\n", /"concurrency" must be an integer number/],
  ["a list where the endpoint section is expected", "endpoint: [1, 2]\n", /endpoint\.0: nested property endpoint must be either object or array/],
  ["null where the endpoint section is expected", "endpoint: null\n", /endpoint: nested property endpoint must be either object or array/],
  [
    "a missing environment variable",
    `endpoint: { model: "${ref("HOSTILE_NOPE")}" }\n`,
    /environment variable HOSTILE_NOPE is not set; set it, or write \$\{HOSTILE_NOPE:-default\}/,
    "c.yaml:4:13",
  ],
  [
    "a missing required variable (:?message)",
    `endpoint: { model: "${ref("HOSTILE_NOPE:?set it please")}" }\n`,
    /environment variable HOSTILE_NOPE is required: set it please/,
  ],
  ["__proto__ at the top", "__proto__: { polluted: 1 }\n", /__proto__: key "__proto__" is not allowed in config/, "c.yaml:4:1"],
  ["constructor.prototype nested", "endpoint: { constructor: { prototype: { polluted: 1 } } }\n", /key "constructor" is not allowed in config/],
  [
    "prototype inside extra_inputs",
    "endpoint: { extra_inputs: { prototype: { polluted: 1 } } }\n",
    /endpoint\.extra_inputs\.prototype: key "prototype" is not allowed/,
  ],
  ["__proto__ in plugins.settings", "plugins: { settings: { __proto__: { polluted: 1 } } }\n", /key "__proto__" is not allowed in config/],
  ["a YAML alias bomb", `${bombLines.join("\n")}\n`, /YAML cannot be expanded: Excessive alias count indicates a resource exhaustion attack/],
  ["a YAML alias cycle", "dataset: &d { seed: 1, more: *d }\n", /alias|cycle|contains it/],
  ["a YAML syntax error", "endpoint: { url: [\n", /YAML syntax error/],
  ["a duplicate key", "dataset: { seed: 1 }\ndataset: { seed: 2 }\n", /Map keys must be unique/, "c.yaml:5:1"],
  ["a number too big for a double", "timing: { strategy: concurrency, concurrency: 1e400 }\n", /"concurrency" must not be greater than 100000/],
  ["a negative concurrency", "timing: { strategy: concurrency, concurrency: -3 }\n", /"concurrency" must not be less than 1/],
  ["concurrency over the bound", "timing: { strategy: concurrency, concurrency: 100001 }\n", /"concurrency" must not be greater than 100000/],
  ["a phase longer than a Node timer holds", "phases: { profiling: { duration_s: 2147484 } }\n", /"duration_s" must not be greater than 2147483/],
  [
    "a phase timeout longer than a Node timer holds",
    "phases: { profiling: { requests: 2, timeout_s: 2147484 } }\n",
    /"timeout_s" must not be greater than 2147483/,
  ],
  [
    "a request timeout longer than a Node timer holds",
    "endpoint: { request_timeout_ms: 2147483648 }\n",
    /"request_timeout_ms" must not be greater than 2147483647/,
  ],
  [
    "a connect timeout longer than a Node timer holds",
    "endpoint: { connect_timeout_ms: 2147483648 }\n",
    /"connect_timeout_ms" must not be greater than 2147483647/,
  ],
  ["a hook timeout longer than a Node timer holds", "plugins: { hook_timeout_ms: 99999999999 }\n", /"hook_timeout_ms" must not be greater than 2147483647/],
  ["a model wait longer than a Node timer holds", "endpoint: { wait_for_model_s: 3000000 }\n", /"wait_for_model_s" must not be greater than 2147483/],
  ["a profiling phase that would send nothing", "phases: { profiling: { requests: 0 } }\n", /set requests \(at least 1\) or duration_s/],
  ["an ftp URL", 'endpoint: { url: "ftp://host/x" }\n', /"url" must be "embedded" or an http\(s\) URL/],
  ["a file URL", 'endpoint: { url: "file:///etc/passwd" }\n', /"url" must be "embedded" or an http\(s\) URL/],
  ["a javascript: URL", 'endpoint: { url: "javascript:alert(1)" }\n', /"url" must be "embedded" or an http\(s\) URL/],
  ["a secret next to a value of the wrong type", "endpoint: { api_key: KEY, request_timeout_ms: nope }\n", /"request_timeout_ms" must be an integer number/],
  ["a list where a list of names is a map", "plugins: { disabled: { json: 1 } }\n", /"disabled" must be an array/],
];

/** Root-level shapes: the whole file is not a config. */
const roots: [name: string, body: string, error: RegExp][] = [
  ["a list as the root", "- a\n- b\n", /the config file must be a mapping of keys to values/],
  ["a scalar as the root", "hello\n", /the config file must be a mapping of keys to values/],
  ["a 2 MB config file", `# ${"x".repeat(2 * 1024 * 1024)}\n`, /is \d+ bytes; the limit is 1048576 \(1 MiB\)/],
  ["a NUL byte in a key", 'endpoint: { model: "\u00ff" }\nbogus\u0000: 1\n', /AIPERF_CONFIG_INVALID/],
];

describe("hostile config files are refused before anything is sent, with a code and a location", () => {
  it.concurrent.each(files)("%s", async (_, body, error, at) => {
    const dir = dirFor("cfg");
    // The secret sits in the file itself (where a key is written as KEY) and in the environment.
    const yaml = body.replace("api_key: KEY", `api_key: "${SECRET}"`);
    // A file that sets its own phases takes only the quick output settings.
    const quick = yaml.startsWith("phases:") ? QUICK_OUT : QUICK;
    const run = await cliIn(dir, { "c.yaml": `${quick}${yaml}` }, ["profile", "-c", "c.yaml"], { OPENAI_API_KEY: SECRET });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error AIPERF_CONFIG_INVALID: Invalid config/);
    expect(run.stderr).toMatch(error);
    if (at) expect(run.stderr).toContain(at);
    expect(run.exported).toEqual({});
    expectClean(run);
  });

  it.concurrent.each(roots)("%s", async (_, body, error) => {
    const dir = dirFor("cfg");
    const run = await cliIn(dir, { "c.yaml": body }, ["profile", "-c", "c.yaml"], { OPENAI_API_KEY: SECRET });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error AIPERF_CONFIG_INVALID/);
    expect(run.stderr).toMatch(error);
    expectClean(run);
  });

  it("a config path that does not exist names the file", async () => {
    const run = await cliIn(dirFor("cfg"), {}, ["profile", "-c", "nope.yaml"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error AIPERF_CONFIG_INVALID[\s\S]*nope\.yaml: config file not read: cannot read .*ENOENT/);
    expectClean(run);
  });

  it("a config path that is a directory is not read", async () => {
    const run = await cliIn(dirFor("cfg"), { "d/registry.yaml": "" }, ["profile", "-c", "d"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/config file not read: .*d is not a regular file/);
    expectClean(run);
  });
});

describe("an output folder that cannot be written is refused before anything is sent", () => {
  it.concurrent.each([
    ["a file", "c.yaml", /\(a file of that name exists\); nothing was sent/],
    ["a name too long for the filesystem", "a".repeat(300), /\(the name is too long\); nothing was sent/],
    ["inside a file", "c.yaml/sub", /cannot be written .*; nothing was sent/],
  ])("output.dir is %s", async (_, dir, error) => {
    const run = await cliIn(dirFor("out"), { "c.yaml": QUICK }, ["profile", "-c", "c.yaml", "--output", dir]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(/^error AIPERF_USAGE: output folder /);
    expect(run.stderr).toMatch(error);
    expectClean(run);
  });
});
