import { describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";
import { flagsToSet } from "../../dist/src/cli/profileCommand.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";
import { countingServer } from "./countingServer.js";

/** A short concurrency-4 run against `url`, without the preflight probe (it would open a connection of its own). */
async function runAgainst(url: string, prewarm: boolean) {
  const dir = tempDir("prewarm");
  try {
    return await profileWith({
      endpoint: { url, streaming: false, preflight: false, prewarm },
      timing: { strategy: "concurrency", concurrency: 4 },
      phases: { warmup: { requests: 0 }, profiling: { requests: 8 } },
      output: { dir, data_exporters: ["json"], console_exporters: [] },
    });
  } finally {
    removeDir(dir);
  }
}

describe("connections ready before the clock starts", () => {
  it("opens the in-flight budget's connections before the first timed request, and reports the setup", async () => {
    const server = await countingServer();
    try {
      const { results } = await runAgainst(server.url, true);
      expect(server.atFirstPost).toEqual({ connections: 4, gets: 4 });
      // Warm connections are reused: the run opens no others.
      expect(server.connections).toBe(4);
      expect(results.connectionSetup).toMatchObject({ connections: 4, prewarm: true });
      expect([...results.records].every((r) => r.error === undefined)).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it("with endpoint.prewarm false (--no-prewarm), no connection is open before the first timed request", async () => {
    const server = await countingServer();
    try {
      const { results } = await runAgainst(server.url, false);
      expect(server.atFirstPost?.gets).toBe(0);
      expect(results.connectionSetup).toMatchObject({ connections: 0, prewarm: false });
      expect(server.posts).toBe(8);
    } finally {
      await server.stop();
    }
  });

  it("--no-prewarm is endpoint.prewarm=false", () => {
    expect(flagsToSet({ set: [], cache: true, prewarm: false })).toContain("endpoint.prewarm=false");
    expect(flagsToSet({ set: [], cache: true, prewarm: true })).not.toContain("endpoint.prewarm=false");
  });

  it("the transport opens at most its pool's size and says how many it opened", async () => {
    const server = await countingServer();
    const transport = new HttpTransport();
    try {
      transport.open({ url: server.url, connections: 3, connectTimeoutMs: 5000, requestTimeoutMs: 5000 });
      const setup = await transport.prewarm(10);
      expect(setup.connections).toBe(3);
      expect(server.connections).toBe(3);
      expect(server.posts).toBe(0);
    } finally {
      await transport.close();
      await server.stop();
    }
  });
});
