import path from "node:path";
import { type AiperfError, ConfigInvalidError, loadProfilerConfig as loadConfig, maskSecrets } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { extraInputsToSet, headersToSet } from "../../dist/src/cli/requestFlags.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("config");
const file = (name: string, text: string) => {
  writeFiles(dir, { [name]: text });
  return path.join(dir, name);
};

function errorOf(fn: () => unknown): ConfigInvalidError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigInvalidError) return error;
    throw error;
  }
  throw new Error("expected a ConfigInvalidError");
}

describe("config loading", () => {
  afterAll(() => removeDir(dir));

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the test's name quotes the config syntax
  it("substitutes ${VAR}, ${VAR:-default}, ${VAR:?message} and keeps $${ literal", () => {
    const f = file(
      "env.yaml",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: config syntax under test
      'endpoint:\n  url: "${HOST}/v1"\n  model: "${MODEL:-fallback}"\n  api_key: "${KEY:?set KEY}"\ntiming:\n  concurrency: ${CONC}\noutput:\n  dir: "$${literal}"\n',
    );
    const { config, routed } = loadConfig({ config: f, env: { HOST: "http://h", KEY: "k", CONC: "4" } });
    expect(config.endpoint.url).toBe("http://h/v1");
    expect(config.endpoint.model).toBe("fallback");
    expect(routed.get("timing")?.concurrency).toBe(4);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the escape produces a literal
    expect(config.output.dir).toBe("${literal}");
  });

  // biome-ignore lint/suspicious/noTemplateCurlyInString: the test's name quotes the config syntax
  it("fails on ${MISSING} without a default, naming the path and file:line:col", () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: config syntax under test
    const f = file("missing.yaml", "endpoint:\n  model: ${MISSING}\n  url: ${NEEDED:?point it at your server}\n");
    const error = errorOf(() => loadConfig({ config: f, env: {} }));
    expect(error.code).toBe("AIPERF_CONFIG_INVALID");
    expect(error.message).toContain(`${f}:2:3: endpoint.model: environment variable MISSING is not set`);
    expect(error.message).toContain(`${f}:3:3: endpoint.url: environment variable NEEDED is required: point it at your server`);
  });

  it("fails on a wrong type and on an unknown key with the closest valid key", () => {
    const f = file("bad.yaml", "endpoint:\n  modle: x\ntiming:\n  strategy: 12\nphases:\n  profiling: { requests: many }\n");
    const error = errorOf(() => loadConfig({ config: f, env: {} }));
    expect(error.message).toContain(`${f}:2:3: endpoint.modle: unknown key "modle". Did you mean "model"?`);
    expect(error.message).toMatch(/timing\.strategy: "strategy" must be a string/);
    expect(error.message).toMatch(/phases\.profiling\.requests: "requests" must be an integer/);
    expect(error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(["endpoint.modle", "timing.strategy", "phases.profiling.requests"]));
  });

  it("applies typed --set overrides over the file", () => {
    const f = file("base.yaml", "timing: { concurrency: 2 }\n");
    const { config, routed } = loadConfig({
      config: f,
      set: ["timing.concurrency=16", "endpoint.streaming=false", "output.data_exporters=[json]", "endpoint.model=llama-3"],
      env: {},
    });
    expect(routed.get("timing")?.concurrency).toBe(16);
    expect(config.endpoint.streaming).toBe(false);
    expect(config.output.data_exporters).toEqual(["json"]);
    expect(config.endpoint.model).toBe("llama-3");
    const error = errorOf(() => loadConfig({ set: ["endpoint.modle=llama"], env: {} }));
    expect(error.message).toContain('--set endpoint.modle: endpoint.modle: unknown key "modle". Did you mean "model"?');
  });

  it("names an assignment by its label where it has one (the flag it came from), else by its --set key", () => {
    const error = errorOf(() => loadConfig({ set: ["endpoint.streaming=maybe", "endpoint.modle=x"], setLabels: ["--streaming"], env: {} }));
    expect(error.message).toContain("--streaming: endpoint.streaming:");
    expect(error.message).toContain('--set endpoint.modle: endpoint.modle: unknown key "modle"');
  });

  it("-H adds to the config file's headers (key+= merges a map), where = would drop the file's auth header", () => {
    const config = file("headers.yaml", "endpoint:\n  headers:\n    Authorization: Bearer from-the-file-1234\n    X-One: '1'\n");
    const loaded = loadConfig({ config, set: headersToSet(["X-Two: 2", "X-One: one"]), env: {} });
    expect(loaded.config.endpoint.headers).toEqual({ Authorization: "Bearer from-the-file-1234", "X-One": "one", "X-Two": "2" });
    const replaced = loadConfig({ config, set: ['endpoint.headers={"X-Two": "2"}'], env: {} });
    expect(replaced.config.endpoint.headers).toEqual({ "X-Two": "2" });
    expect(() => loadConfig({ set: ["endpoint.headers+=5"], env: {} })).toThrow("merges a map into a map");
  });

  it("--extra-inputs adds to the config file's extra_inputs, where it used to drop them", () => {
    const config = file("extra.yaml", "endpoint:\n  extra_inputs:\n    ignore_eos: true\n");
    const loaded = loadConfig({ config, set: extraInputsToSet(["min_tokens:64"], undefined), env: {} });
    expect(loaded.config.endpoint.extra_inputs).toEqual({ ignore_eos: true, min_tokens: 64 });
  });

  it("names the assignments inside a section when a rule over the whole section fails", () => {
    const config = file("section.yaml", "phases:\n  profiling:\n    requests: 5\n");
    const error = errorOf(() => loadConfig({ config, set: ["phases.profiling.requests=0", "phases.profiling.duration_s=0"], env: {} }));
    expect(error.message).toContain("--set phases.profiling.requests, --set phases.profiling.duration_s: phases.profiling: set requests (at least 1)");
    expect(error.message).not.toContain("section.yaml");
    // An assignment inside the section that the rule does not name is left out.
    const unrelated = errorOf(() => loadConfig({ config, set: ["phases.profiling.timeout_s=1", "phases.profiling.requests=0"], env: {} }));
    expect(unrelated.message).toContain("--set phases.profiling.requests: phases.profiling: set requests (at least 1)");
    expect(unrelated.message).not.toContain("timeout_s");
  });

  it("checks the selected strategy's own timing keys before a run, naming the --set key and the closest one", async () => {
    const app = await createTestApp({ root: dir, set: ["timing.concurency=3"] });
    try {
      const error = await app.checkConfig().then(
        () => undefined,
        (e: unknown) => e as AiperfError,
      );
      expect(error?.code).toBe("AIPERF_CONFIG_INVALID");
      expect(error?.message).toContain('--set timing.concurency: timing.concurency: unknown key "concurency". Did you mean "concurrency"?');
    } finally {
      await app.dispose();
    }
  });

  it("never shows an api_key, even when its own validation fails", async () => {
    const secret = "sk-live-4f9c2e7a";
    const f = file("secret.yaml", `endpoint:\n  api_key: ${secret}\n  apikey_typo: ${secret}\ntiming: { concurrency: zero }\n`);
    const error = errorOf(() => loadConfig({ config: f, env: {} }));
    expect(error.message).not.toContain(secret);
    const typed = errorOf(() => loadConfig({ set: ["endpoint.api_key=12345678"], env: {} }));
    expect(typed.message).toMatch(/api_key: "api_key" must be a string/);
    expect(typed.message).not.toContain("12345678");
    const { config } = loadConfig({ set: [`endpoint.api_key=${secret}`], env: {} });
    expect(JSON.stringify(maskSecrets(config))).not.toContain(secret);
    expect(maskSecrets({ endpoint: { api_key: secret, headers: { Authorization: `Bearer ${secret}` } } })).toEqual({
      endpoint: { api_key: "***", headers: { Authorization: "***" } },
    });
  });

  it("creates no app (nothing runs) when config is invalid", async () => {
    await expect(createTestApp({ builtin: false, root: dir, set: ["endpoint.modle=x"] })).rejects.toMatchObject({ code: "AIPERF_CONFIG_INVALID" });
  });

  it("refuses a YAML alias bomb and an alias cycle as config errors with file:line:col", () => {
    const levels = [..."abcdefghi"].map((c, i) =>
      i === 0
        ? "a: &a [x, x, x, x, x, x, x, x, x, x]"
        : `${c}: &${c} [${Array(10)
            .fill(`*${"abcdefghi"[i - 1]}`)
            .join(", ")}]`,
    );
    const bomb = errorOf(() => loadConfig({ config: file("bomb.yaml", `${levels.join("\n")}\n`), env: {} }));
    expect(bomb.issues[0]?.message).toMatch(/resource exhaustion/);
    expect(bomb.issues[0]?.location).toEqual({ file: path.join(dir, "bomb.yaml"), line: 1, col: 1 });
    const cycle = errorOf(() => loadConfig({ config: file("cycle.yaml", "endpoint: &e\n  extra: *e\n"), env: {} }));
    expect(cycle.issues[0]).toMatchObject({ path: "endpoint.extra", location: { file: path.join(dir, "cycle.yaml"), line: 2, col: 3 } });
    expect(cycle.issues[0]?.message).toMatch(/refers to a node that contains it/);
  });

  it("accepts hook names as plain strings", () => {
    const { config } = loadConfig({ config: { plugins: { phase_hooks: ["phase_logging"] } }, env: {} });
    expect(config.plugins.phase_hooks[0]?.name).toBe("phase_logging");
  });
});
