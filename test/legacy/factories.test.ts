import { spawnSync } from "node:child_process";
import { LEGACY_FACTORIES, type LegacyFactory, type Protocol } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";

describe("legacy factories", () => {
  it("there are the 17 of them", () => {
    expect(Object.keys(LEGACY_FACTORIES)).toHaveLength(17);
  });

  it.each(Object.entries(LEGACY_FACTORIES))("%s creates the same object the registry would", async (_name, entry) => {
    const { factory, protocol } = entry as unknown as { factory: LegacyFactory<unknown>; protocol: Protocol };
    // A named override stands in where no built-in implementation exists (communication, zmq_proxy, ...).
    const fake = Object.fromEntries(protocol.members.map((m) => [m, () => undefined]));
    const app = await createTestApp({ noCache: true, overrides: [{ token: protocol, name: "legacy_test", useValue: fake as never }] });
    const viaFactory = await factory.createInstance("legacy-test", app);
    expect(viaFactory).toBe(await app.get(protocol, "legacy_test"));
    await app.dispose();
  });

  it("EndpointFactory returns the registry's own built-in instance", async () => {
    const { EndpointFactory, Endpoint } = await import("aiperf");
    const app = await createTestApp({ noCache: true });
    expect(await EndpointFactory.createInstance("openai_chat", app)).toBe(await app.get(Endpoint, "openai_chat"));
    await app.dispose();
  });

  it("each factory warns once per process, with its own code, naming the replacement", () => {
    const script = `
      import * as aiperf from "aiperf";
      import { createTestApp } from "aiperf/testing";
      const codes = [];
      process.on("warning", (w) => codes.push(w.code + " " + w.message));
      const app = await createTestApp({ noCache: true });
      for (let i = 0; i < 3; i++) {
        await aiperf.EndpointFactory.createInstance("openai_chat", app);
        await aiperf.TransportFactory.createInstance("http", app);
      }
      // Deprecation warnings are emitted on process.nextTick, and every queued tick runs before
      // the next macrotask: after one setImmediate, all of them have been seen.
      await new Promise((r) => setImmediate(r));
      console.log(JSON.stringify(codes));
      await app.dispose();
    `;
    const out = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repoRoot, encoding: "utf8" });
    const codes = JSON.parse(out.stdout.trim().split("\n").pop() as string) as string[];
    expect(codes).toHaveLength(2);
    expect(codes[0]).toMatch(/^AIPERF_DEP_ENDPOINT_FACTORY EndpointFactory\.createInstance\(name, app\) is deprecated: use app\.get\(Endpoint, name\)/);
    expect(codes[1]).toMatch(/^AIPERF_DEP_TRANSPORT_FACTORY /);
  });
});
