import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

// The CLI loads only the command it runs (start-up is measured in bench/startup.js); these check
// that nothing a user sees depends on which commands were loaded.
describe("commands load on demand", () => {
  it("help lists every command", async () => {
    const { code, stdout } = await runCli(["--help"]);
    expect(code).toBe(0);
    for (const name of ["profile", "mock-server", "plugins"]) expect(stdout).toMatch(new RegExp(`^\\s+${name}\\b`, "m"));
  });

  it("an unknown command still suggests the closest one", async () => {
    const { code, stderr } = await runCli(["profil"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Did you mean profile?");
  });

  it("a command's own help works when only that command is loaded", async () => {
    const { code, stdout } = await runCli(["mock-server", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("Usage: aiperf mock-server");
  });
});
