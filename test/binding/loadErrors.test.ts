import { writeFileSync } from "node:fs";
import path from "node:path";
import { Endpoint, PluginLoadFailedError } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("loaderr");
const plugin = path.join(dir, "plugins", "p");
writeFiles(plugin, {
  "registry.yaml": `plugin: { name: broken-plugin }
endpoint:
  no_parse:
    class: ./partial.js:Partial
  throws:
    class: ./throws.js:Ep
  missing_export:
    class: ./partial.js:Nope
  ctor_throws:
    class: ./partial.js:CtorThrows
`,
  "partial.js": `export class Partial { get path() { return "/"; } formatRequest() { return {}; } }
export class CtorThrows { constructor() { throw new Error("no database"); } }
`,
  "throws.js": 'throw new Error("boom at import");\n',
});

describe("loading failures", () => {
  afterAll(() => removeDir(dir));

  it("an export that lacks a required member fails with AIPERF_PROTOCOL_MISMATCH naming the member", async () => {
    const app = await appFor(dir);
    const error = await app.get(Endpoint, "no_parse").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AIPERF_PROTOCOL_MISMATCH", missing: ["parseResponse"] });
    expect((error as Error).message).toContain('"parseResponse"');
    expect((error as Error).message).toContain("broken-plugin");
    await app.dispose();
  });

  it("a missing export fails with AIPERF_PLUGIN_LOAD_FAILED listing what the module exports", async () => {
    const app = await appFor(dir);
    const error = await app.get(Endpoint, "missing_export").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AIPERF_PLUGIN_LOAD_FAILED" });
    expect((error as Error).message).toMatch(/no export "Nope" \(it exports: CtorThrows, Partial\)/);
    await app.dispose();
  });

  it("a constructor that throws is wrapped with protocol, implementation, plugin, module and export", async () => {
    const app = await appFor(dir);
    const error = (await app.get(Endpoint, "ctor_throws").catch((e: unknown) => e)) as PluginLoadFailedError;
    expect(error).toBeInstanceOf(PluginLoadFailedError);
    expect(error.ref).toMatchObject({ protocol: "endpoint", name: "ctor_throws", plugin: "broken-plugin", exportName: "CtorThrows" });
    expect(error.ref.modulePath).toBe(path.join(plugin, "partial.js"));
    expect((error.cause as Error).message).toBe("no database");
    await app.dispose();
  });

  it("a module that throws on import fails with AIPERF_PLUGIN_LOAD_FAILED, is not cached, and works once fixed", async () => {
    const app = await appFor(dir);
    const first = await app.get(Endpoint, "throws").catch((e: unknown) => e);
    expect(first).toMatchObject({ code: "AIPERF_PLUGIN_LOAD_FAILED" });
    expect(((first as Error).cause as Error).message).toBe("boom at import");
    const again = await app.get(Endpoint, "throws").catch((e: unknown) => e);
    expect(again).toMatchObject({ code: "AIPERF_PLUGIN_LOAD_FAILED" });
    await app.dispose();

    writeFileSync(
      path.join(plugin, "throws.js"),
      'export class Ep { get path() { return "/fixed"; } formatRequest() { return {}; } parseResponse() { return { text: "" }; } }\n',
    );
    const fresh = await appFor(dir);
    expect((await fresh.get(Endpoint, "throws")).path).toBe("/fixed");
    await fresh.dispose();
  });
});
