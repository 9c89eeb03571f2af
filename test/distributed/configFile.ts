import path from "node:path";
import { stringify } from "yaml";
import { repoRoot, writeFiles } from "../helpers/fixtures.js";

/** The example plugin, whose hooks log every phase event with the phase's counts. */
export const examplePlugin = path.join(repoRoot, "plugins", "example-plugin");

/** Writes `config.yaml` in `dir` for a distributed run (with the given overrides merged per section); returns its path. */
export function distributedConfig(dir: string, overrides: Record<string, Record<string, unknown>> = {}): string {
  const config: Record<string, Record<string, unknown>> = {
    endpoint: { url: "embedded", streaming: true, mock: { ttft_ms: 1, itl_ms: 1, output_tokens: 3 } },
    timing: { strategy: "concurrency", concurrency: 6 },
    phases: { warmup: { requests: 3 }, profiling: { requests: 30 } },
    dataset: { input_tokens_mean: 16, output_tokens_mean: 3 },
    output: { dir: path.join(dir, "out"), flat: true, data_exporters: ["json", "records"], console_exporters: [] },
    service_manager: { type: "distributed", bind: "tcp://127.0.0.1:*", workers: 3, join_timeout_ms: 120_000, heartbeat_ms: 1000 },
  };
  for (const [section, values] of Object.entries(overrides)) config[section] = { ...config[section], ...values };
  writeFiles(dir, { "config.yaml": stringify(config) });
  return path.join(dir, "config.yaml");
}
