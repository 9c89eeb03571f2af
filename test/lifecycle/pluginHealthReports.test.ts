import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";

const dir = tempDir("health");
afterAll(() => removeDir(dir));

/** A plugin folder whose lifecycle class answers `health()` with `answer`, started by auto_start. */
function healthPlugin(name: string, answer: unknown): Record<string, string> {
  return {
    [`${name}/registry.yaml`]: `plugin:\n  name: ${name}\n  auto_start: true\n  lifecycle: ./life.js:Life\n`,
    [`${name}/life.js`]: `export class Life {\n  initialize() {}\n  health() { return ${JSON.stringify(answer)}; }\n}\n`,
  };
}

writeFiles(dir, {
  ...healthPlugin("steady", "ok"),
  ...healthPlugin("queue", { status: "down", detail: "queue unreachable" }),
  ...healthPlugin("disk", { status: "degraded", detail: "disk 91% full" }),
  "down.yaml": "plugins:\n  paths: [steady, queue]\n",
  "up.yaml": "plugins:\n  paths: [steady]\n",
});
const env = { XDG_STATE_HOME: path.join(dir, "state"), XDG_CACHE_HOME: path.join(dir, "cache") };

describe("aiperf plugins health", () => {
  it("prints each started plugin's health and exits 1 naming the plugin that is down", async () => {
    const { code, stdout, stderr } = await runCli(["plugins", "health", "-c", "down.yaml"], { cwd: dir, env });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^plugin +status +detail +ms$/m);
    expect(stdout).toMatch(/^queue +down +queue unreachable +\d+$/m);
    expect(stdout).toMatch(/^steady +ok +\d+$/m);
    expect(stderr).toContain("plugin(s) down: queue");
  });

  it("exits 0 when every plugin is up, and --json gives the report", async () => {
    const { code, stdout } = await runCli(["plugins", "health", "-c", "up.yaml", "--json"], { cwd: dir, env });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ status: "ok", plugins: { steady: { status: "ok" } } });
  });
});

describe("a profile run records plugin health between phases", () => {
  it("profile_export.json has the health after warm-up and after profiling", async () => {
    const out = path.join(dir, "runs");
    await profileWith(
      {
        plugins: { paths: [path.join(dir, "steady"), path.join(dir, "disk")] },
        endpoint: { mock: { ttft_ms: 0, itl_ms: 0 } },
        phases: { warmup: { requests: 2 }, profiling: { requests: 3 } },
        output: { dir: out, data_exporters: ["json"], console_exporters: [] },
      },
      { root: dir },
    );
    const json = JSON.parse(readFileSync(path.join(out, "latest", "profile_export.json"), "utf8")) as { health: unknown[] };
    const expected = (after: string) => ({
      after,
      status: "degraded",
      plugins: { steady: { status: "ok" }, disk: { status: "degraded", detail: "disk 91% full" } },
    });
    expect(json.health).toMatchObject([expected("warmup"), expected("profiling")]);
  });
});
