import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createRng } from "aiperf";
import { afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { profileWith, startMock } from "../helpers/profileApp.js";

/** A server that answers every request with `respond`, for failure modes the mock cannot make. */
async function rogueServer(respond: (res: import("node:http").ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => respond(res));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
  }
});

async function run(url: string, extra: Record<string, unknown> = {}) {
  const dir = tempDir("fail");
  dirs.push(dir);
  const result = await profileWith({
    // These servers answer every request alike, /v1/models too: the pre-flight check is off so
    // the per-request failure paths are what is tested.
    endpoint: { url, preflight: false },
    timing: { strategy: "concurrency", concurrency: 2 },
    phases: { warmup: { requests: 0 }, profiling: { requests: 6 } },
    output: { dir, data_exporters: ["json", "csv"], console_exporters: ["summary_table", "errors"] },
    ...extra,
  });
  expect(existsSync(path.join(dir, "latest", "profile_export.json"))).toBe(true);
  expect(existsSync(path.join(dir, "latest", "profile_export.csv"))).toBe(true);
  return result;
}

describe("failure modes: the run completes, errors are counted and grouped, exports are written", () => {
  it("an unreachable URL (pre-flight check off): every request fails with the reason in words, exit code 1", async () => {
    const { url, server } = await rogueServer(() => {});
    await new Promise((r) => server.close(r)); // now nothing listens on that port
    const { results, exitCode, printed } = await run(url, { endpoint: { url, preflight: false } });
    expect(exitCode).toBe(1);
    expect(results.errors).toHaveLength(1);
    expect(results.errors[0]?.count).toBe(6);
    expect(results.errors[0]?.message).toBe("connection refused (is the server running on that host and port?) [ECONNREFUSED]");
    expect(printed).toMatch(/Errors \(6\):/);
  });

  it("HTTP 500s from the server's error rate: grouped by message", async () => {
    const mock = await startMock({ errorRate: 1 });
    try {
      const { results, exitCode } = await run(mock.url);
      expect(exitCode).toBe(1);
      expect(results.errors).toEqual([{ message: "HTTP 500 from POST /v1/chat/completions: mock server error (error_rate)", count: 6 }]);
      expect(results.metrics.find((m) => m.tag === "error_rate")?.avg).toBe(1);
    } finally {
      await mock.stop();
    }
  });

  it("some errors but not all: exit code 0 and an honest error rate", async () => {
    const mock = await startMock({ errorRate: 0.5, seed: 3 });
    // The server draws once per request from its seeded generator, whatever order requests arrive in.
    const draw = createRng(3);
    const failing = Array.from({ length: 40 }, () => draw()).filter((x) => x < 0.5).length;
    expect(failing).toBeGreaterThan(0);
    expect(failing).toBeLessThan(40);
    try {
      const { results, exitCode } = await run(mock.url, { phases: { warmup: { requests: 0 }, profiling: { requests: 40 } } });
      expect(exitCode).toBe(0);
      expect(results.errors).toEqual([{ message: "HTTP 500 from POST /v1/chat/completions: mock server error (error_rate)", count: failing }]);
      expect(results.metrics.find((m) => m.tag === "error_rate")?.avg).toBeCloseTo(failing / 40);
    } finally {
      await mock.stop();
    }
  });

  it("a server that rate-limits every other request, numbering each in its message: one group, its count and a real message", async () => {
    let n = 0;
    const { url, server } = await rogueServer((res) => {
      if (++n % 2 === 1) {
        res.writeHead(429, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: `rate limited req ${n}` } }));
        return;
      }
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"choices":[{"delta":{"content":"ok"}}]}\n\ndata: [DONE]\n\n');
    });
    servers.push(server);
    const { results, exitCode, printed } = await run(url, { phases: { warmup: { requests: 0 }, profiling: { requests: 12 } } });
    expect(exitCode).toBe(0);
    const prefix = "HTTP 429 from POST /v1/chat/completions: rate limited req";
    expect(results.errors).toEqual([{ message: `${prefix} <n>`, count: 6, example: expect.stringMatching(new RegExp(`^${prefix} \\d+$`)) }]);
    expect(printed).toContain(`6  ${prefix} <n>`);
    expect(printed).toContain(`e.g. ${results.errors[0]?.example}`);
  });

  it("a server that closes the connection mid-stream", async () => {
    const { url, server } = await rogueServer((res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      // Cut the connection once the first event has left, not after some milliseconds.
      res.write('data: {"choices":[{"delta":{"content":"half"}}]}\n\n', () => res.socket?.destroy());
    });
    servers.push(server);
    const { results, exitCode } = await run(url);
    expect(exitCode).toBe(1);
    expect(results.errors.reduce((n, e) => n + e.count, 0)).toBe(6);
    expect(results.errors[0]?.message).toMatch(/closed|terminated|socket|ended/i);
  });

  it("an export that cannot be written fails the run (exit 1), the other exports still written", async () => {
    const mock = await startMock({ outputTokens: 2 });
    const dir = tempDir("fail");
    dirs.push(dir);
    // A folder where profile_export.json should go: that one export cannot be put in place.
    mkdirSync(path.join(dir, "profile_export.json", "inside"), { recursive: true });
    try {
      const { exitCode, files } = await profileWith({
        endpoint: { url: mock.url },
        phases: { warmup: { requests: 0 }, profiling: { requests: 4 } },
        output: { dir, flat: true, data_exporters: ["json", "csv"], console_exporters: [] },
      });
      expect(exitCode).toBe(1);
      expect(files.map((f) => path.basename(f))).toEqual(["profile_export.csv"]);
      expect(readdirSync(dir).sort()).toEqual(["profile_export.csv", "profile_export.json"]);
    } finally {
      await mock.stop();
    }
  });

  it("an endpoint plugin that throws while formatting or parsing fails those requests, not the run", async () => {
    const { Endpoint } = await import("aiperf");
    const mock = await startMock({ outputTokens: 2 });
    const dir = tempDir("fail");
    dirs.push(dir);
    let n = 0;
    const flaky = {
      path: "/v1/chat/completions",
      formatRequest: () => {
        n++;
        if (n % 2 === 0) throw new Error("bad template");
        return { model: "m", messages: [{ role: "user", content: "x" }], stream: true };
      },
      parseResponse: () => {
        throw new Error("unexpected shape");
      },
    };
    try {
      const { results, exitCode } = await profileWith(
        { endpoint: { url: mock.url }, phases: { warmup: { requests: 0 }, profiling: { requests: 6 } }, output: { dir, console_exporters: [] } },
        { overrides: [{ token: Endpoint, useValue: flaky }] },
      );
      expect(exitCode).toBe(1);
      expect(results.errors).toEqual([
        { message: "formatting the request failed: bad template", count: 3 },
        { message: "parsing the response failed: unexpected shape", count: 3 },
      ]);
    } finally {
      await mock.stop();
    }
  });

  it("malformed SSE data", async () => {
    const { url, server } = await rogueServer((res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end('data: {"choices":[{"delta":{"content":"ok"}}]}\n\ndata: {not json\n\ndata: [DONE]\n\n');
    });
    servers.push(server);
    const { results, exitCode } = await run(url);
    expect(exitCode).toBe(1);
    expect(results.errors).toEqual([{ message: "malformed response data: {not json", count: 6 }]);
  });
});
