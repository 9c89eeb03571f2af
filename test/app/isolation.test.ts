import path from "node:path";
import { Container, Endpoint, PhaseHook } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("isolation");
writeFiles(path.join(dir, "plugins", "p"), {
  "registry.yaml": "plugin: { name: p }\nendpoint:\n  real:\n    class: ./ep.js:Ep\nphase_hook:\n  needs_host:\n    class: ./hook.js:NeedsHost\n",
  "ep.js": 'export class Ep { get path() { return "/real"; } formatRequest() { return {}; } parseResponse() { return { text: "" }; } }\n',
  "hook.js": `import { inject } from "aiperf";
export class NeedsHost {
  constructor(db) { this.db = db; }
  async onPhaseStart() {}
}
inject(Symbol.for("host.database"))(NeedsHost, undefined, 0);
`,
});

const fake = (p: string): Endpoint => ({ path: p, formatRequest: () => ({}), parseResponse: () => ({ text: "" }) });

describe("apps are isolated", () => {
  afterAll(() => removeDir(dir));

  it("two apps with different overrides do not see each other's bindings", async () => {
    const base = { root: dir, builtin: false, noCache: true, config: { endpoint: { type: "real" } } };
    const a = await createTestApp({ ...base, overrides: [{ token: Endpoint, useValue: fake("/a") }] });
    const b = await createTestApp({ ...base, overrides: [{ token: Endpoint, name: "real", useValue: fake("/b") }] });
    const c = await createTestApp(base);
    expect((await a.get(Endpoint)).path).toBe("/a");
    expect((await a.get(Endpoint, "real")).path).toBe("/real");
    expect((await b.get(Endpoint)).path).toBe("/b");
    expect((await b.get(Endpoint, "real")).path).toBe("/b");
    expect((await c.get(Endpoint)).path).toBe("/real");
    await Promise.all([a.dispose(), b.dispose(), c.dispose()]);
  });

  it("an override can add a name and a class, for that app only", async () => {
    class Fake {
      readonly path = "/class";
      formatRequest() {
        return {};
      }
      parseResponse() {
        return { text: "" };
      }
    }
    const a = await createTestApp({ root: dir, builtin: false, noCache: true, overrides: [{ token: Endpoint, name: "Brand-New", useClass: Fake }] });
    const b = await createTestApp({ root: dir, builtin: false, noCache: true });
    expect((await a.get(Endpoint, "brand_new")).path).toBe("/class");
    await expect(b.get(Endpoint, "brand_new")).rejects.toMatchObject({ code: "AIPERF_TYPE_NOT_FOUND" });
    await Promise.all([a.dispose(), b.dispose()]);
  });

  it("resolves the host container's tokens in plugin constructors when the host is the parent", async () => {
    const host = new Container();
    host.bind(Symbol.for("host.database")).toConstantValue({ url: "postgres://host" });
    const app = await createTestApp({ root: dir, builtin: false, noCache: true, parent: host, config: { plugins: { phase_hooks: ["needs_host"] } } });
    const [hook] = (await app.getAll(PhaseHook)) as unknown as { db: { url: string } }[];
    expect(hook?.db.url).toBe("postgres://host");
    // The host does not see the app's bindings.
    expect(host.isBound(PhaseHook.token)).toBe(false);
    await app.dispose();
  });
});
