import { execFileSync } from "node:child_process";
import path from "node:path";
import { loadProfilerConfig } from "aiperf";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { appFor } from "../helpers/silentApp.js";

const dir = tempDir("hostile-files");
afterAll(() => removeDir(dir));

const good = "plugin: { name: fine }\nphase_hook:\n  fine: { class: ./h.js:H }\n";

describe("hostile files never hang or crash discovery, and never drive the terminal", () => {
  it("a FIFO named registry.yaml and a 2 MB registry are problems of their plugin; the others load", async () => {
    writeFiles(dir, {
      "plugins/fine/registry.yaml": good,
      "plugins/huge/registry.yaml": `plugin: { name: huge }\n# ${"x".repeat(2 * 1024 * 1024)}\n`,
      "plugins/pipe/.keep": "",
    });
    execFileSync("mkfifo", [path.join(dir, "plugins", "pipe", "registry.yaml")]);
    const app = await appFor(dir);
    try {
      expect(app.registry.list("phase_hook").map((e) => e.name)).toEqual(["fine"]);
      const messages = app.registry.problems().map((p) => p.message);
      expect(messages).toContainEqual(expect.stringMatching(/registry not read: .*pipe.registry\.yaml is not a regular file/));
      expect(messages).toContainEqual(expect.stringMatching(/registry not read: .*huge.registry\.yaml is \d+ bytes; the limit is 1048576 \(1 MiB\)/));
    } finally {
      await app.dispose();
    }
  });

  it("a config file that is a FIFO is a config error, not a hang", () => {
    const fifo = path.join(dir, "config.yaml");
    execFileSync("mkfifo", [fifo]);
    expect(() => loadProfilerConfig({ config: fifo, env: {} })).toThrow(/config file not read: .*config\.yaml is not a regular file/);
  });

  it("escape sequences in a manifest are shown, not obeyed, by the plugins commands", async () => {
    const evil = tempDir("escapes");
    try {
      writeFiles(evil, {
        "plugins/loud/registry.yaml":
          'plugin: { name: loud, description: "\\e[2J\\e]0;pwned\\a cleared" }\nphase_hook:\n  loud: { class: ./h.js:H, description: "\\e[31mred" }\n',
      });
      const info = await runCli(["plugins", "info", "loud"], { cwd: evil });
      const list = await runCli(["plugins", "list", "phase_hook"], { cwd: evil });
      for (const out of [info.stdout, list.stdout]) {
        expect(out).not.toContain("\u001b");
        expect(out).not.toContain("\u0007");
      }
      expect(info.stdout).toContain("\\x1b[2J\\x1b]0;pwned\\x07 cleared");
      expect(list.stdout).toContain("loud");
    } finally {
      removeDir(evil);
    }
  });
});
