import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type AiperfError, runProfile, TimingStrategy, Transport, type TransportOptions } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

// A local plugin folder with a timing strategy that has its own `timing:` keys, written as a user
// would in plain JS: decorators applied as functions, since plain JS has no decorator syntax.
const dir = tempDir("burst");
const pluginDir = path.join(dir, "burst-plugin");
writeFiles(pluginDir, {
  "registry.yaml": `schema_version: "1.0"
plugin: { name: burst-plugin, version: 1.0.0, requires: ">=1.0.0 <2" }
timing_strategy:
  burst:
    class: ./burst.js:BurstStrategy
    config: ./burst.js:BurstConfig
    description: Sends burst_size requests at once, waits for them, pauses pause_ms
`,
  "burst.js": `import { IsInt, IsOptional, IsString, Min } from "class-validator";
import { inject, PLUGIN_CONFIG } from "aiperf";

export class BurstConfig {
  burst_size = 4;
  pause_ms = 0;
}
IsInt()(BurstConfig.prototype, "burst_size");
Min(1)(BurstConfig.prototype, "burst_size");
IsInt()(BurstConfig.prototype, "pause_ms");
Min(0)(BurstConfig.prototype, "pause_ms");
IsOptional()(BurstConfig.prototype, "webhook_token");
IsString()(BurstConfig.prototype, "webhook_token");

export class BurstStrategy {
  constructor(config) {
    this.config = config;
    /** What maxInFlight() answered, each time it was asked. */
    this.budgets = [];
    /** One entry per burst: its phase, how many it sent, and how many were then in flight. */
    this.bursts = [];
  }

  maxInFlight() {
    this.budgets.push(this.config.burst_size);
    return this.config.burst_size;
  }

  async run(sender) {
    while (sender.canSend()) {
      const sent = [];
      while (sent.length < this.config.burst_size && sender.canSend()) sent.push(sender.send());
      this.bursts.push({ phase: sender.phase, size: sent.length, inFlight: sender.inFlight() });
      await Promise.all(sent);
      if (this.config.pause_ms > 0 && sender.canSend()) await new Promise((resolve) => setTimeout(resolve, this.config.pause_ms));
    }
  }
}
inject(PLUGIN_CONFIG)(BurstStrategy, undefined, 0);
`,
});

interface BurstStrategy extends TimingStrategy {
  budgets: number[];
  bursts: { phase: string; size: number; inFlight: number }[];
}

/** A server that only counts: any request or connection reaching it means something was sent. */
let counting: { server: Server; url: string; connections: number; requests: number };

beforeAll(async () => {
  const server = createServer((_req, res) => {
    counting.requests++;
    res.writeHead(500).end();
  });
  server.on("connection", () => counting.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  counting = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: 0, requests: 0 };
});

afterAll(async () => {
  await new Promise((resolve) => counting.server.close(resolve));
  removeDir(dir);
});

/** A config file selecting the plugin strategy; `timingKeys` are the lines under `timing:`. */
function configFile(name: string, timingKeys: string): { file: string; text: string } {
  const text = `plugins:
  paths: [./burst-plugin]
endpoint:
  url: ${counting.url}
timing:
  strategy: burst
${timingKeys}
phases: { warmup: { requests: 0 }, profiling: { requests: 10 } }
ui: { type: none }
output: { dir: ./out-${name}, console_exporters: [] }
`;
  writeFiles(dir, { [name]: text });
  return { file: path.join(dir, name), text };
}

/** file:line:col of the first occurrence of `needle` in `text`. */
function where(file: string, text: string, needle: string): string {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(needle));
  return `${file}:${line + 1}:${(lines[line] as string).indexOf(needle) + 1}`;
}

describe("a plugin timing strategy with its own timing: keys", () => {
  it("gets burst_size and pause_ms through PLUGIN_CONFIG, sends bursts of burst_size, and sizes the connection pool to it", async () => {
    const opened: TransportOptions[] = [];
    const secret = "whk-7f3e9a1c2b";
    const out = path.join(dir, "out-run");
    const app = await createTestApp({
      root: dir,
      noCache: true,
      config: {
        plugins: { paths: [pluginDir] },
        endpoint: { api_key: "sk-run-5e4d3c2b1a", mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 2 } },
        timing: { strategy: "burst", burst_size: 8, pause_ms: 5, webhook_token: secret },
        dataset: { output_tokens_mean: 2 },
        phases: { warmup: { requests: 0 }, profiling: { requests: 20 } },
        ui: { type: "none" },
        output: { dir: out, data_exporters: ["json"], console_exporters: [] },
      },
      overrides: [
        {
          // The real http transport, recording the options it was opened with.
          token: Transport,
          useFactory: async (container) => {
            const http = await container.getAsync<Transport>(Transport.token, { name: "http" });
            return {
              open: (options: TransportOptions) => {
                opened.push(options);
                http.open(options);
              },
              send: (request, onData) => http.send(request, onData),
              close: () => http.close(),
            } satisfies Transport;
          },
        },
      ],
    });
    try {
      const { results, exitCode } = await runProfile(app, { write: () => {} });
      const strategy = (await app.get(TimingStrategy)) as BurstStrategy;
      expect(exitCode).toBe(0);
      expect(results.records).toHaveLength(20);
      expect(results.errors).toEqual([]);

      const profiling = strategy.bursts.filter((b) => b.phase === "profiling");
      expect(profiling.map((b) => b.size)).toEqual([8, 8, 4]);
      expect(Math.max(...profiling.map((b) => b.inFlight))).toBe(8);
      expect(results.phases.find((p) => p.phase === "profiling")?.sent).toBe(20);
      // The run asked the strategy for its budget and opened the transport with exactly that.
      expect(strategy.budgets).toContain(8);
      expect(opened.map((o) => o.connections)).toEqual([8]);

      // The export shows every key: the profiler's and the strategy's validated ones, secrets masked.
      const exported = JSON.parse(readFileSync(path.join(out, "latest", "profile_export.json"), "utf8")) as { config: Record<string, Record<string, unknown>> };
      expect(exported.config.timing).toEqual({ strategy: "burst", arrival: "constant", seed: 0, burst_size: 8, pause_ms: 5, webhook_token: "***" });
      expect(exported.config.endpoint?.api_key).toBe("***");
      expect(exported.config.endpoint?.mock).toEqual({ type: "embedded", ttft_ms: 0, itl_ms: 0, output_tokens: 2, error_rate: 0 });
      expect(exported.config.service_manager).toEqual({ type: "in_process", communication: "in_process", communication_client: "in_process" });
      expect(results.config).toEqual(exported.config);
      expect(JSON.stringify(exported)).not.toContain(secret);
    } finally {
      await app.dispose();
    }
  });

  it("a typo in the strategy's key fails before anything is sent, with file:line:col and the key it meant", async () => {
    const { file, text } = configFile("typo.yaml", "  burst_sise: 8\n  pause_ms: 0");
    const before = { ...counting };
    const app = await createTestApp({ config: file, root: dir, noCache: true });
    try {
      const error = await runProfile(app, { write: () => {} }).then(
        () => undefined,
        (e: unknown) => e as AiperfError,
      );
      expect(error?.code).toBe("AIPERF_CONFIG_INVALID");
      expect(error?.message).toContain(`${where(file, text, "burst_sise")}: timing.burst_sise: unknown key "burst_sise". Did you mean "burst_size"?`);
    } finally {
      await app.dispose();
    }
    expect([counting.connections, counting.requests]).toEqual([before.connections, before.requests]);
  });

  it("a bad value of the strategy's key names its file:line:col and the rule", async () => {
    const { file, text } = configFile("zero.yaml", "  burst_size: 0");
    const app = await createTestApp({ config: file, root: dir, noCache: true });
    try {
      await expect(app.checkConfig()).rejects.toMatchObject({ code: "AIPERF_CONFIG_INVALID" });
      await expect(app.checkConfig()).rejects.toThrow(`${where(file, text, "burst_size")}: timing.burst_size: "burst_size" must not be less than 1`);
    } finally {
      await app.dispose();
    }
  });

  it("the CLI reports the same typo: exit 2, the coded error with file:line:col and the suggestion, no stack trace, nothing sent", async () => {
    const { file, text } = configFile("cli-typo.yaml", "  burst_sise: 8\n  pause_ms: 0");
    const before = { ...counting };
    const { code, stderr } = await runCli(["profile", "-c", file, "--no-cache"], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toContain("error AIPERF_CONFIG_INVALID");
    expect(stderr).toContain(`${where(file, text, "burst_sise")}: timing.burst_sise: unknown key "burst_sise". Did you mean "burst_size"?`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect([counting.connections, counting.requests]).toEqual([before.connections, before.requests]);
  });
});
