import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("list-handlers");
const sentinel = path.join(dir, "imported.txt");
writeFiles(path.join(dir, "plugins", "audit"), {
  "registry.yaml": `plugin: { name: audit }
event_handler:
  run_audit:
    class: ./audit.js:Audit
    priority: 3
    metadata: { events: [run.start, run.end] }
`,
  "audit.js": `import { appendFileSync } from "node:fs"; appendFileSync(${JSON.stringify(sentinel)}, "x");
export class Audit { handle() {} }
`,
});

describe("aiperf plugins list event_handler", () => {
  afterAll(() => removeDir(dir));

  it("lists declared handlers with the events they want, without importing them", async () => {
    const { code, stdout } = await runCli(["plugins", "list", "event_handler", "--json", "--no-cache"], { cwd: dir });
    expect(code).toBe(0);
    const entries = JSON.parse(stdout) as { name: string; plugin: string; priority: number; metadata: { events: string[] } }[];
    expect(entries.find((e) => e.name === "run_audit")).toMatchObject({ plugin: "audit", priority: 3, metadata: { events: ["run.start", "run.end"] } });
    expect(existsSync(sentinel)).toBe(false);
  });
});
