import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { distributedConfig } from "./configFile.js";
import { killAll, startController, startWorker } from "./harness.js";

const dir = tempDir("distributed-key");
const KEY = "sk-distributed-test-0123456789";
let server: Server | undefined;

afterAll(async () => {
  await killAll();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  removeDir(dir);
});

/** An OpenAI-style server that answers every request at once and remembers the Authorization header of each POST. */
async function keyServer(seen: string[]): Promise<string> {
  server = createServer((req, res) => {
    if (req.method === "POST") seen.push(req.headers.authorization ?? "");
    req.resume();
    req.on("end", () => {
      const body = JSON.stringify({
        choices: [{ index: 0, message: { role: "assistant", content: "a b" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 1, completion_tokens: 2 },
      });
      res.writeHead(200, { "content-type": "application/json" }).end(body);
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe("the api key under distributed", () => {
  it("reaches every worker's requests, and appears in no output and no export", async () => {
    const seen: string[] = [];
    const url = await keyServer(seen);
    const config = distributedConfig(dir, {
      endpoint: { url, streaming: false, api_key: KEY },
      phases: { warmup: { requests: 0 }, profiling: { requests: 6 } },
      service_manager: { workers: 2 },
    });
    const { proc: controller, port } = await startController(config, dir);
    const workers = [startWorker(port), startWorker(port)];
    expect(await controller.exited).toBe(0);
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    expect(seen).toEqual(Array(6).fill(`Bearer ${KEY}`));
    for (const p of [controller, ...workers]) expect(`${p.stdout}${p.stderr}`).not.toContain(KEY);
    const out = path.join(dir, "out");
    for (const file of readdirSync(out)) expect(readFileSync(path.join(out, file), "utf8")).not.toContain(KEY);
  });
});
