import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { aiperfBin, runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";

const dir = tempDir("interrupt-early");

/**
 * A server whose `GET /v1/models` never answers (resolving `listing` once one arrived); it
 * answers chat requests only when `answers` is set.
 */
async function silentModels(answers = false) {
  const held: IncomingMessage[] = [];
  let arrived: () => void = () => {};
  const listing = new Promise<void>((resolve) => (arrived = resolve));
  const server = createServer((req, res) => {
    held.push(req);
    if (req.method === "GET") arrived();
    else if (answers) {
      req.resume();
      req.on("end", () => {
        const body = {
          choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }],
          usage: { prompt_tokens: 1, completion_tokens: 1 },
        };
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
      });
    }
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stop = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url, listing, stop };
}

describe("warming the connections", () => {
  afterAll(() => removeDir(dir));

  it("gives up on a model list that never comes after endpoint.connect_timeout_ms, and the run goes on", async () => {
    const server = await silentModels(true);
    try {
      const args = ["profile", "--url", server.url, "--concurrency", "2", "--requests", "4", "--no-streaming", "--ui", "none", "--output", dir];
      const settings = ["endpoint.preflight=false", "phases.warmup.requests=0", "endpoint.connect_timeout_ms=1000", "endpoint.request_timeout_ms=600000"];
      const run = await runCli([...args, ...settings.flatMap((s) => ["--set", s])]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toContain("4 sent, 4 completed, 0 errors");
    } finally {
      await server.stop();
    }
  });
});

describe("Ctrl-C before the first request", () => {
  afterAll(() => removeDir(dir));

  it.each([
    ["during the pre-flight check", ["--set", "endpoint.preflight=true"]],
    ["while the connections are being warmed", ["--set", "endpoint.preflight=false"]],
  ])("%s exits 130 at once, saying nothing was measured (not that the server is unreachable)", async (_when, flags) => {
    const server = await silentModels();
    try {
      // Timeouts far beyond the test's: only the signal can end this run in time.
      const args = ["profile", "--url", server.url, "--concurrency", "2", "--requests", "4", "--ui", "none", "--output", dir, ...flags];
      const timeouts = ["--set", "endpoint.connect_timeout_ms=600000", "--set", "endpoint.request_timeout_ms=600000"];
      const child = spawn(process.execPath, [aiperfBin, ...args, ...timeouts], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d) => (stderr += d));
      const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
      await server.listing;
      child.kill("SIGINT");
      const code = await closed;
      expect(code, stderr).toBe(130);
      expect(stderr).toContain("interrupted before the first request: nothing was measured");
      expect(stderr).not.toContain("AIPERF_ENDPOINT_UNREACHABLE");
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      await server.stop();
    }
  });
});
