import { existsSync, symlinkSync } from "node:fs";
import path from "node:path";
import { PhaseHook } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("symlink");
afterAll(() => removeDir(dir));

describe("class paths stay inside their plugin, symlinks followed", () => {
  it("a symlink inside the plugin folder to a module outside it is refused before that module runs", async () => {
    const marker = path.join(dir, "outside-ran");
    writeFiles(dir, {
      "outside/evil.js": `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nexport class Hook {}\n`,
      "plugins/sneaky/registry.yaml": "plugin: { name: sneaky }\nphase_hook:\n  sneaky: { class: ./hook.js:Hook }\n",
    });
    symlinkSync(path.join(dir, "outside", "evil.js"), path.join(dir, "plugins", "sneaky", "hook.js"));
    const app = await appFor(dir);
    try {
      const error = await app.get(PhaseHook, "sneaky").then(
        () => undefined,
        (e: unknown) => e as Error & { code: string; cause: Error },
      );
      expect(error?.code).toBe("AIPERF_PLUGIN_LOAD_FAILED");
      expect(error?.cause.message).toMatch(/is a symlink to .*evil\.js, outside the plugin folder .*sneaky; refused/);
      expect(existsSync(marker)).toBe(false);
    } finally {
      await app.dispose();
    }
  });

  it("a symlink that stays inside the plugin folder is fine", async () => {
    writeFiles(dir, {
      "plugins/tidy/registry.yaml": "plugin: { name: tidy }\nphase_hook:\n  tidy: { class: ./hook.js:Hook }\n",
      "plugins/tidy/src/real.js": "export class Hook {}\n",
    });
    symlinkSync(path.join(dir, "plugins", "tidy", "src", "real.js"), path.join(dir, "plugins", "tidy", "hook.js"));
    const app = await appFor(dir);
    try {
      await expect(app.get(PhaseHook, "tidy")).resolves.toBeDefined();
    } finally {
      await app.dispose();
    }
  });
});
