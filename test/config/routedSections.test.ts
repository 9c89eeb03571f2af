import { readFileSync } from "node:fs";
import path from "node:path";
import { type AiperfError, loadProfilerConfig } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";

const dir = tempDir("routed");
afterAll(() => removeDir(dir));

function file(name: string, text: string): string {
  writeFiles(dir, { [name]: text });
  return path.join(dir, name);
}

async function failure(promise: Promise<unknown>): Promise<AiperfError | undefined> {
  return promise.then(
    () => undefined,
    (e: unknown) => e as AiperfError,
  );
}

describe("endpoint.mock: belongs to the selected mock server", () => {
  it("keeps type for the profiler and hands the other keys to the mock server's config class", async () => {
    const loaded = loadProfilerConfig({ config: { endpoint: { mock: { ttft_ms: 1, output_tokens: 3 } } }, env: {} });
    expect(loaded.config.endpoint.mock).toEqual({ type: "embedded" });
    expect(loaded.routed.get("endpoint.mock")).toEqual({ ttft_ms: 1, output_tokens: 3 });
    const app = await createTestApp({ root: dir, config: { endpoint: { mock: { ttft_ms: 1, output_tokens: 3 } } } });
    try {
      expect(await app.configOf("mock_server")).toEqual({ ttft_ms: 1, itl_ms: 5, output_tokens: 3, error_rate: 0 });
    } finally {
      await app.dispose();
    }
  });

  it("a typo in a nested block names file:line:col of the key and the closest one", async () => {
    const f = file("mock.yaml", "endpoint:\n  url: embedded\n  mock:\n    ttft_ms: 1\n    itl_sm: 2\n");
    const app = await createTestApp({ root: dir, config: f });
    try {
      const error = await failure(app.checkConfig());
      expect(error?.code).toBe("AIPERF_CONFIG_INVALID");
      expect(error?.message).toContain(`${f}:5:5: endpoint.mock.itl_sm: unknown key "itl_sm". Did you mean "itl_ms"?`);
    } finally {
      await app.dispose();
    }
    const flow = file("flow.yaml", "endpoint: { mock: { error_rate: 2 } }\n");
    const other = await createTestApp({ root: dir, config: flow });
    try {
      expect((await failure(other.checkConfig()))?.message).toContain(`${flow}:1:21: endpoint.mock.error_rate: "error_rate" must not be greater than 1`);
    } finally {
      await other.dispose();
    }
  });

  it("null unsets a routed key (the implementation's default applies)", async () => {
    const f = file("unset.yaml", "endpoint:\n  mock: { ttft_ms: 7, itl_ms: 3 }\n");
    const app = await createTestApp({ root: dir, config: f, set: ["endpoint.mock.ttft_ms=null"] });
    try {
      expect(await app.configOf("mock_server")).toMatchObject({ ttft_ms: 20, itl_ms: 3 });
    } finally {
      await app.dispose();
    }
  });

  it("plugins.settings configures the implementation when the section has none of its keys; the section wins otherwise", async () => {
    const settings = { "mock_server.embedded": { ttft_ms: 2, itl_ms: 2 } };
    const viaSettings = await createTestApp({ root: dir, config: { plugins: { settings } } });
    const both = await createTestApp({ root: dir, config: { plugins: { settings }, endpoint: { mock: { ttft_ms: 9 } } } });
    try {
      expect(await viaSettings.configOf("mock_server")).toMatchObject({ ttft_ms: 2, itl_ms: 2 });
      expect(await both.configOf("mock_server")).toMatchObject({ ttft_ms: 9, itl_ms: 5 });
    } finally {
      await viaSettings.dispose();
      await both.dispose();
    }
  });

  it("is what the embedded server of a run does", async () => {
    const { exitCode, results } = await profileWith({
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0, error_rate: 1 } },
      phases: { warmup: { requests: 0 }, profiling: { requests: 4 } },
      output: { dir: path.join(dir, "errors"), console_exporters: [] },
    });
    expect(exitCode).toBe(1);
    expect(results.errors).toEqual([{ message: expect.stringContaining("mock server error (error_rate)"), count: 4 }]);
  });
});

describe("service_manager: belongs to the selected service manager", () => {
  it("workers is the multiprocess manager's own key", async () => {
    const app = await createTestApp({ root: dir, config: { service_manager: { type: "multiprocess", workers: 3 } } });
    try {
      expect(app.config.service_manager).toEqual({ type: "multiprocess", communication: "in_process", communication_client: "in_process" });
      expect(await app.configOf("service_manager")).toEqual({ workers: 3 });
    } finally {
      await app.dispose();
    }
    const bad = await createTestApp({ root: dir, set: ["service_manager.type=multiprocess", "service_manager.wrkers=2"] });
    try {
      expect((await failure(bad.checkConfig()))?.message).toContain(
        '--set service_manager.wrkers: service_manager.wrkers: unknown key "wrkers". Did you mean "workers"?',
      );
    } finally {
      await bad.dispose();
    }
  });

  it("a manager without a config: class takes no keys of its own: each is reported, with the closest key the profiler owns", async () => {
    const f = file("inproc.yaml", "service_manager:\n  type: in_process\n  workers: 2\n  comunication: in_process\n");
    const error = await failure(createTestApp({ root: dir, config: f }));
    expect(error?.code).toBe("AIPERF_CONFIG_INVALID");
    expect(error?.message).toContain(`${f}:3:3: service_manager.workers: unknown key "workers". service_manager "in_process" takes no keys of its own`);
    expect(error?.message).toContain(`${f}:4:3: service_manager.comunication: unknown key "comunication". Did you mean "communication"?`);
  });
});

describe("the exported config", () => {
  it("shows every key of the built-ins' routed sections, completed from their validated config, secrets masked", async () => {
    const secret = "sk-export-0a1b2c3d4e";
    const out = path.join(dir, "export");
    const { results } = await profileWith({
      endpoint: { api_key: secret, mock: { ttft_ms: 0, itl_ms: 0 } },
      timing: { concurrency: 2 },
      service_manager: { type: "multiprocess", workers: 1 },
      phases: { warmup: { requests: 0 }, profiling: { requests: 3 } },
      output: { dir: out, data_exporters: ["json"], console_exporters: [] },
    });
    const text = readFileSync(path.join(out, "latest", "profile_export.json"), "utf8");
    const { config } = JSON.parse(text) as { config: Record<string, Record<string, unknown>> };
    expect(config.timing).toEqual({ strategy: "concurrency", arrival: "constant", seed: 0, concurrency: 2 });
    expect(config.endpoint).toMatchObject({ api_key: "***", mock: { type: "embedded", ttft_ms: 0, itl_ms: 0, output_tokens: 64, error_rate: 0 } });
    expect(config.service_manager).toEqual({ type: "multiprocess", workers: 1, communication: "in_process", communication_client: "in_process" });
    expect(config.dataset).toMatchObject({ composer: "synthetic", input_tokens_mean: 128 });
    expect(results.config).toEqual(config);
    expect(text).not.toContain(secret);
  });
});
