import path from "node:path";
import { Endpoint } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { frameworkPackage } from "../../src/kernel/discovery/frameworkRoot.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("conflicts");

/** A plugin providing endpoint `name` whose formatRequest says which plugin it is. */
function endpointPlugin(folder: string, plugin: string, entries: Record<string, number>): void {
  const yaml = Object.entries(entries)
    .map(([name, priority]) => `  ${name}:\n    class: ./ep.js:Ep\n    priority: ${priority}\n`)
    .join("");
  writeFiles(path.join(dir, folder), {
    "registry.yaml": `plugin: { name: ${plugin} }\nendpoint:\n${yaml}`,
    "ep.js": `export class Ep { get path() { return "/"; } formatRequest() { return { from: ${JSON.stringify(plugin)} }; } parseResponse() { return { text: "" }; } }\n`,
  });
}

endpointPlugin("plugins/a", "plugin-a", { by_priority: 1, first_wins: 0 });
endpointPlugin("plugins/b", "plugin-b", { by_priority: 5, first_wins: 0 });
endpointPlugin("extra/override", "override-builtin", { openai_chat: 0 });

const from = async (e: Promise<Endpoint>) => (await e).formatRequest({ id: "t", messages: [], inputTokens: 0 }, { model: "m", streaming: false }).from;

describe("conflict resolution", () => {
  afterAll(() => removeDir(dir));

  it("the higher priority wins, whatever the discovery order", async () => {
    const app = await appFor(dir);
    const winner = app.registry.list("endpoint").find((e) => e.name === "by_priority" && e.winner);
    expect(winner?.plugin).toBe("plugin-b");
    expect(winner?.decision?.rule).toBe("priority");
    expect(await from(app.get(Endpoint, "by_priority"))).toBe("plugin-b");
    await app.dispose();
  });

  it("at equal priority the first discovered wins, with a warning naming both", async () => {
    const app = await appFor(dir);
    expect(await from(app.get(Endpoint, "first_wins"))).toBe("plugin-a");
    const warning = app.registry.problems().find((p) => p.code === "AIPERF_CONFLICT");
    expect(warning?.severity).toBe("warning");
    expect(warning?.message).toContain("plugin-a");
    expect(warning?.message).toContain("plugin-b");
    await app.dispose();
  });

  it("at equal priority a non-built-in entry beats a built-in one", async () => {
    const app = await appFor(dir, { builtin: true, config: { plugins: { paths: [path.join(dir, "extra/override")] } } });
    const entries = app.registry.list("endpoint").filter((e) => e.name === "openai_chat");
    const builtin = entries.find((e) => e.origin === "builtin");
    const plugin = entries.find((e) => e.origin === "path");
    expect(builtin?.winner).toBe(false);
    expect(builtin?.decision).toEqual({ rule: "non_builtin", beatenBy: expect.stringContaining("override-builtin") });
    expect(plugin?.winner).toBe(true);
    expect(await from(app.get(Endpoint, "openai_chat"))).toBe("override-builtin");
    await app.dispose();
  });

  it("keeps shadowed entries listed and reachable by class path", async () => {
    const app = await appFor(dir);
    const shadowed = app.registry.list("endpoint").find((e) => e.name === "by_priority" && !e.winner);
    expect(shadowed?.plugin).toBe("plugin-a");
    expect(shadowed?.decision?.beatenBy).toContain("plugin-b");
    expect(await from(app.getByClassPath(Endpoint, "plugin-a/./ep.js:Ep", "by_priority"))).toBe("plugin-a");
    expect(await from(app.getByClassPath(Endpoint, `${path.join(dir, "plugins/a/ep.js")}:Ep`, "by-priority"))).toBe("plugin-a");
    await expect(app.getByClassPath(Endpoint, "plugin-a/./ep.js:Ep")).rejects.toThrow(/pass the implementation name/);
    await expect(app.getByClassPath(Endpoint, "nowhere/./x.js:X")).rejects.toMatchObject({ code: "AIPERF_TYPE_NOT_FOUND" });
    await app.dispose();
  });

  it("decides before binding: the framework version is known to the requires check", () => {
    expect(frameworkPackage().version).toMatch(/^\d+\.\d+\.\d+/);
  });
});
