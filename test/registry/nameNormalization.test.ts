import path from "node:path";
import { Endpoint, normalizeName } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("names");
writeFiles(path.join(dir, "plugins", "p"), {
  "registry.yaml": "plugin: { name: p }\nEndpoint:\n  Type-A:\n    class: ./ep.js:Ep\n",
  "ep.js": 'export class Ep { get path() { return "/a"; } formatRequest() { return {}; } parseResponse() { return { text: "" }; } }\n',
});

describe("name normalization", () => {
  afterAll(() => removeDir(dir));

  it("normalizes case and dashes", () => {
    expect(["type-a", "TYPE_A", "Type-A", " type_a "].map(normalizeName)).toEqual(["type_a", "type_a", "type_a", "type_a"]);
  });

  it("resolves type-a, TYPE_A and Type-A to the entry type_a, keeping the original spelling for display", async () => {
    const app = await appFor(dir);
    const [a, b, c] = await Promise.all(["type-a", "TYPE_A", "Type-A"].map((n) => app.get(Endpoint, n)));
    expect(a).toBe(b);
    expect(b).toBe(c);
    const entry = app.registry.entry("ENDPOINT", "type-a");
    expect(entry.name).toBe("type_a");
    expect(entry.displayName).toBe("Type-A");
    await app.dispose();
  });

  it("selects by any spelling in config", async () => {
    const app = await appFor(dir, { config: { endpoint: { type: "TYPE-A" } } });
    expect((await app.get(Endpoint)).path).toBe("/a");
    await app.dispose();
  });
});
