import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { repoRoot } from "../helpers/fixtures.js";

// Outside the repository, so nothing resolves through the repo's own node_modules: the package
// has to install the way a user's would.
const parent = mkdtempSync(path.join(os.tmpdir(), "aiperf-scaffold-"));
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  spawnSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false" },
  });

describe("aiperf plugins new, outside the repository", () => {
  it("makes a package that installs without a registry copy of aiperf, passes its own tests and validate --import", async () => {
    const made = await runCli(["plugins", "new", "outside-demo", "--dir", parent], { cwd: parent });
    expect(made.code, made.stderr).toBe(0);
    const dir = path.join(parent, "outside-demo");
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies.aiperf).toMatch(/^file:/);
    expect(path.resolve(dir, pkg.devDependencies.aiperf.slice("file:".length))).toBe(repoRoot);
    expect(pkg.peerDependencies.aiperf).toBe(">=1.0.0 <2");

    const installed = npm(["install", "--prefer-offline"], dir);
    expect(installed.status, installed.stderr).toBe(0);
    const tested = npm(["test"], dir);
    expect(tested.status, tested.stdout + tested.stderr).toBe(0);
    const validated = npm(["run", "validate"], dir);
    expect(validated.status, validated.stdout + validated.stderr).toBe(0);
    expect(validated.stdout).toContain("1 plugin(s) checked (with --import): no problems");
  }, 300_000);
});
