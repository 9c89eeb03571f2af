import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultStateDir, stateFileOf } from "../../src/kernel/lifecycle/defaultStateDir.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";

const dir = tempDir("statedir");
afterAll(() => removeDir(dir));

describe("where plugin state lives by default", () => {
  it("an application folder (with node_modules) keeps it in <root>/.aiperf/state", () => {
    const app = path.join(dir, "app");
    mkdirSync(path.join(app, "node_modules"), { recursive: true });
    expect(defaultStateDir(app, {})).toBe(path.join(app, ".aiperf", "state"));
  });

  it("any other folder uses the user's state folder, one per root, and creates nothing where it runs", () => {
    const a = defaultStateDir(path.join(dir, "a"), { XDG_STATE_HOME: "/xdg" });
    const b = defaultStateDir(path.join(dir, "b"), { XDG_STATE_HOME: "/xdg" });
    expect(a).toMatch(/^\/xdg\/aiperf\/state-[0-9a-f]{16}$/);
    expect(b).not.toBe(a);
  });

  it("one file per plugin, its name made safe for any file system", () => {
    expect(stateFileOf("/s", "@Scope/My Plugin")).toBe(path.join("/s", "_scope_my_plugin.json"));
  });
});
