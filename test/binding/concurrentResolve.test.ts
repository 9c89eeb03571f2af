import { readFileSync } from "node:fs";
import path from "node:path";
import { Endpoint } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, sentinelModule, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("concurrent");
const sentinel = path.join(dir, "imported.txt");
writeFiles(path.join(dir, "plugins", "one"), {
  "registry.yaml": "plugin: { name: one }\nendpoint:\n  counted:\n    class: ./endpoint.js:Endpoint\n",
  "endpoint.js": `${sentinelModule(sentinel, "endpoint-module")}
let constructed = 0;
export class Counted extends Endpoint { constructor() { super(); constructed++; this.n = constructed; } }
`,
});
writeFiles(path.join(dir, "plugins", "one"), {
  "registry.yaml": "plugin: { name: one }\nendpoint:\n  counted:\n    class: ./endpoint.js:Counted\n",
});

describe("a lazy binding resolved concurrently", () => {
  afterAll(() => removeDir(dir));

  it("imports and constructs once for 20 concurrent gets, and returns one instance", async () => {
    const app = await appFor(dir);
    const results = await Promise.all(Array.from({ length: 20 }, () => app.get(Endpoint, "counted")));
    expect(new Set(results).size).toBe(1);
    expect((results[0] as unknown as { n: number }).n).toBe(1);
    expect(readFileSync(sentinel, "utf8")).toBe("endpoint-module\n");
    await app.dispose();
  });

  it("gives each app its own instance", async () => {
    const a = await appFor(dir);
    const b = await appFor(dir);
    const [x, y] = await Promise.all([a.get(Endpoint, "counted"), b.get(Endpoint, "counted")]);
    expect(x).not.toBe(y);
    await Promise.all([a.dispose(), b.dispose()]);
  });
});
