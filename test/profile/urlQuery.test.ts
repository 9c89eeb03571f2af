import { createServer } from "node:http";
import { requestUrl } from "aiperf";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { profileWith, startMock } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";

const my = scratch();

/** An OpenAI-like server on 127.0.0.1 that logs each request line (`GET /path?query`) with the client that sent it. */
async function loggingServer(): Promise<{ url: string; lines: string[] }> {
  const lines: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      // The pre-flight check asks for JSON only; the transport (prewarm, requests) also takes SSE.
      const client = req.headers.accept === "application/json" ? "preflight" : "transport";
      lines.push(`${client} ${req.method} ${req.url}`);
      res.setHeader("content-type", "application/json");
      if (req.method === "GET") res.end(JSON.stringify({ object: "list", data: [{ id: "gpt-4o", object: "model" }] }));
      else res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: "hi" } }], usage: { prompt_tokens: 3, completion_tokens: 1 } }));
    });
  });
  return { url: await my.listen(server), lines };
}

describe("a --url with a query string (Azure's ?api-version=)", () => {
  it("the pre-flight check, every prewarm and every request keep the base path and carry the query", async () => {
    const { url, lines } = await loggingServer();
    const { exitCode } = await profileWith({
      endpoint: { url: `${url}/openai/v1?api-version=2024-02-01`, model: "gpt-4o", streaming: false, prewarm: true },
      timing: { strategy: "concurrency", concurrency: 2 },
      phases: { warmup: { requests: 0 }, profiling: { requests: 3 } },
      output: { dir: my.dir("url-query"), data_exporters: ["json"], console_exporters: [] },
    });
    expect(exitCode).toBe(0);
    expect(lines).toEqual([
      "preflight GET /openai/v1/models?api-version=2024-02-01",
      "transport GET /openai/v1/models?api-version=2024-02-01",
      "transport GET /openai/v1/models?api-version=2024-02-01",
      "transport POST /openai/v1/chat/completions?api-version=2024-02-01",
      "transport POST /openai/v1/chat/completions?api-version=2024-02-01",
      "transport POST /openai/v1/chat/completions?api-version=2024-02-01",
    ]);
  });

  it("the built-in mock server answers such a URL too (aiperf mock-server stands in for an Azure deployment)", async () => {
    const mock = await startMock();
    try {
      const { exitCode, results } = await profileWith({
        endpoint: { url: `${mock.url}/v1?api-version=2024-02-01`, model: "mock-model", streaming: true },
        phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
        output: { dir: my.dir("url-query-mock"), data_exporters: ["json"], console_exporters: [] },
      });
      expect(exitCode).toBe(0);
      expect([...results.records].map((r) => r.error)).toEqual([undefined, undefined]);
    } finally {
      await mock.stop();
    }
  });

  it("joins base URL, endpoint path and query the same way for every form of base URL", () => {
    const at = (base: string, path = "/v1/models") => requestUrl(base, path).href;
    expect(at("http://h:8000")).toBe("http://h:8000/v1/models");
    expect(at("http://h:8000/")).toBe("http://h:8000/v1/models");
    expect(at("http://h:8000/v1")).toBe("http://h:8000/v1/models");
    expect(at("http://h:8000/v1/")).toBe("http://h:8000/v1/models");
    expect(at("https://r.openai.azure.com/openai/deployments/d/?api-version=2024-02-01", "/v1/chat/completions")).toBe(
      "https://r.openai.azure.com/openai/deployments/d/v1/chat/completions?api-version=2024-02-01",
    );
    // A fragment is never sent; a path with a query of its own keeps the base's too.
    expect(at("http://h/v1?a=1#top")).toBe("http://h/v1/models?a=1");
    expect(at("http://h/v1?a=1", "/v1/x?b=2")).toBe("http://h/v1/x?a=1&b=2");
  });

  it("a secret in the query is masked where the pre-flight check names the URL", async () => {
    const closed = createServer();
    const url = await my.listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    const secret = "sk-query-secret-123456";
    const run = await runCli([
      "profile",
      "--url",
      `${url}/v1?api-version=1&key=${secret}&api_key=${secret}`,
      "--ui",
      "none",
      "--output",
      my.dir("url-query-secret"),
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error AIPERF_ENDPOINT_UNREACHABLE: cannot reach ${url}/v1?api-version=1&key=***&api_key=***: connection refused`);
    expect(run.stdout + run.stderr).not.toContain(secret);
  });
});

describe("a --url with a colon but no port", () => {
  it("is a config error naming --url, not a run refused on port 80", async () => {
    for (const bad of ["http://127.0.0.1:", "http://127.0.0.1:/v1", "https://user:s3cretpw@[::1]:?api-version=1"]) {
      const run = await runCli(["profile", "--url", bad, "--ui", "none"]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('error AIPERF_CONFIG_INVALID: Invalid config:\n  - --url: endpoint.url: "url" has a ":" after its host but no port');
      expect(run.stderr).not.toContain("s3cretpw");
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });
});
