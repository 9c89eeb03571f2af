import { loadProfilerConfig } from "aiperf";
import { describe, expect, it } from "vitest";
import { cliIn, expectClean, folders, QUICK, SECRET } from "./hostile.js";

const dirFor = folders();

/** `aiperf profile` arguments that are refused before anything is sent: exit 2, the code, the message. */
const refused: [name: string, args: string[], code: string, error: RegExp][] = [
  ["--set without =", ["--set", "endpoint.model"], "AIPERF_USAGE", /--set expects key=value .*its text is not repeated: it may hold a secret/],
  ["--set without = holding a secret", ["--set", `endpoint.api_key:${SECRET}`], "AIPERF_USAGE", /--set expects key=value/],
  ["--set with an empty key", ["--set", "=x"], "AIPERF_USAGE", /--set expects key=value/],
  ["--set with an empty segment", ["--set", "endpoint..model=x"], "AIPERF_USAGE", /--set key "endpoint\.\.model" has an empty segment/],
  ["--set with a leading dot", ["--set", ".model=x"], "AIPERF_USAGE", /--set key "\.model" has an empty segment/],
  ["--set __proto__ path", ["--set", "__proto__.polluted=1"], "AIPERF_CONFIG_INVALID", /--set __proto__\.polluted: .*key "__proto__" is not allowed in config/],
  ["--set constructor.prototype path", ["--set", "endpoint.constructor.prototype.polluted=1"], "AIPERF_CONFIG_INVALID", /key "constructor" is not allowed/],
  ["--set prototype as the last segment", ["--set", "endpoint.prototype=1"], "AIPERF_CONFIG_INVALID", /key "prototype" is not allowed/],
  [
    "--set a value with __proto__",
    ["--set", "endpoint.extra_inputs={__proto__: {polluted: 1}}"],
    "AIPERF_CONFIG_INVALID",
    /endpoint\.extra_inputs\.__proto__: key "__proto__" is not allowed/,
  ],
  [
    "--set a merged value with __proto__",
    ["--set", "endpoint.extra_inputs+={__proto__: {polluted: 1}}"],
    "AIPERF_CONFIG_INVALID",
    /endpoint\.extra_inputs\.__proto__: key "__proto__" is not allowed/,
  ],
  ["--set += with no map", ["--set", `endpoint.headers+=${SECRET}`], "AIPERF_USAGE", /merges a map into a map/],
  [
    "--set a value with a nested constructor",
    ["--set", "endpoint.extra_inputs={a: {constructor: 1}}"],
    "AIPERF_CONFIG_INVALID",
    /endpoint\.extra_inputs\.a\.constructor: key "constructor" is not allowed/,
  ],
  ["--set an unknown key", ["--set", "endpoint.bogus=1"], "AIPERF_CONFIG_INVALID", /--set endpoint\.bogus: .*unknown key "bogus"/],
  ["--set a secret of the wrong type", ["--set", `endpoint.api_key=[${SECRET}]`], "AIPERF_CONFIG_INVALID", /"api_key" must be a string/],
  ["--set a secret as a mapping", ["--set", `endpoint.api_key={k: ${SECRET}}`], "AIPERF_CONFIG_INVALID", /"api_key" must be a string/],
  ["--set under a string value", ["--set", "endpoint.model.x=1"], "AIPERF_CONFIG_INVALID", /endpoint\.model: "model" must be a string/],
  ["--url that is not a URL", ["--url", "not a url"], "AIPERF_CONFIG_INVALID", /"url" must be "embedded" or an http\(s\) URL/],
  ["--url with a secret in a bad scheme", ["--url", `ftp://u:${SECRET}@h/`], "AIPERF_CONFIG_INVALID", /"url" must be "embedded" or an http\(s\) URL/],
  ["--url with port 0", ["--url", "http://127.0.0.1:0/v1"], "AIPERF_CONFIG_INVALID", /--url: endpoint\.url: "url" has port 0/],
  [
    "--url with a colon but no port",
    ["--url", `http://u:${SECRET}@127.0.0.1:/v1?key=${SECRET}`],
    "AIPERF_CONFIG_INVALID",
    /--url: endpoint\.url: "url" has a ":" after its host but no port/,
  ],
  ["--duration that is a word", ["--duration", "forever"], "AIPERF_USAGE", /--duration expects a positive duration/],
  ["--duration longer than a Node timer holds", ["--duration", "25d"], "AIPERF_USAGE", /--duration expects a positive duration/],
  ["--concurrency 0", ["--concurrency", "0"], "AIPERF_CONFIG_INVALID", /"concurrency" must not be less than 1/],
  ["--concurrency over the bound", ["--concurrency", "100001"], "AIPERF_CONFIG_INVALID", /"concurrency" must not be greater than 100000/],
  ["--extra-inputs-json that is not JSON", ["--extra-inputs-json", `{${SECRET}`], "AIPERF_USAGE", /--extra-inputs-json expects a JSON object/],
  ["--extra-inputs-json that is a list", ["--extra-inputs-json", "[1]"], "AIPERF_USAGE", /--extra-inputs-json expects a JSON object/],
  ["--extra-inputs-json with __proto__", ["--extra-inputs-json", '{"__proto__": {"polluted": 1}}'], "AIPERF_USAGE", /key "__proto__" is not allowed/],
  [
    "--extra-inputs-json with a nested __proto__",
    ["--extra-inputs-json", '{"a": {"__proto__": {"polluted": 1}}}'],
    "AIPERF_CONFIG_INVALID",
    /key "__proto__" is not allowed/,
  ],
  ["--extra-inputs __proto__:…", ["--extra-inputs", "__proto__:{polluted: 1}"], "AIPERF_USAGE", /--extra-inputs: key "__proto__" is not allowed/],
  ["--extra-inputs without a key", ["--extra-inputs", `:${SECRET}`], "AIPERF_USAGE", /--extra-inputs expects key:value/],
  ["-H without a colon", ["-H", `Authorization ${SECRET}`], "AIPERF_USAGE", /-H expects 'Name: value'/],
  ["-H __proto__", ["-H", "__proto__: x"], "AIPERF_USAGE", /-H: key "__proto__" is not allowed/],
  [
    "-H with a framing header",
    ["-H", `Transfer-Encoding: ${SECRET}`],
    "AIPERF_CONFIG_INVALID",
    /--header: endpoint\.headers: headers: header Transfer-Encoding cannot be set/,
  ],
];

describe("hostile command lines are refused before anything is sent, never echoing a secret", () => {
  it.concurrent.each(refused)("%s", async (_, args, code, error) => {
    const run = await cliIn(dirFor("set"), { "c.yaml": QUICK }, ["profile", "-c", "c.yaml", ...args], { OPENAI_API_KEY: SECRET });
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^error ${code}: `));
    expect(run.stderr).toMatch(error);
    expect(run.exported).toEqual({});
    expectClean(run);
  });

  it("an unknown option is a usage error", async () => {
    const run = await cliIn(dirFor("set"), {}, ["profile", "--bogus"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--bogus'/);
    expectClean(run);
  });

  it("a malformed YAML value under a secret key is taken as text, used, and masked in the export", async () => {
    const run = await cliIn(dirFor("set"), { "c.yaml": QUICK }, ["profile", "-c", "c.yaml", "--set", `endpoint.api_key={${SECRET}`]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.exported["profile_export.json"] ?? "{}").config.endpoint.api_key).toBe("***");
    expectClean(run);
  });
});

/** Config objects handed to the API: prototype keys anywhere are refused and pollute nothing. */
const objects: [name: string, config: () => Record<string, unknown>, path: string][] = [
  ["__proto__ at the top (an own key, as JSON.parse makes it)", () => JSON.parse('{"__proto__": {"polluted": 1}}'), "__proto__"],
  ["__proto__ in a section", () => JSON.parse('{"endpoint": {"__proto__": {"polluted": 1}}}'), "endpoint.__proto__"],
  [
    "__proto__ deep in extra_inputs",
    () => JSON.parse('{"endpoint": {"extra_inputs": {"a": [{"__proto__": {"polluted": 1}}]}}}'),
    "endpoint.extra_inputs.a.0.__proto__",
  ],
  ["constructor in plugins.settings", () => ({ plugins: { settings: { constructor: { prototype: { polluted: 1 } } } } }), "plugins.settings.constructor"],
  ["prototype in timing", () => ({ timing: { prototype: { polluted: 1 } } }), "timing.prototype"],
  [
    "a cycle",
    () => {
      const endpoint: Record<string, unknown> = {};
      endpoint.extra_inputs = { self: endpoint };
      return { endpoint };
    },
    "endpoint.extra_inputs.self",
  ],
];

describe("hostile config objects through the API", () => {
  it.each(objects)("%s is AIPERF_CONFIG_INVALID naming its path; ({}).polluted stays undefined", (_, config, path) => {
    let thrown: unknown;
    try {
      loadProfilerConfig({ config: config(), env: {} });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "AIPERF_CONFIG_INVALID" });
    expect(String((thrown as Error).message)).toContain(path);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
  });
});
