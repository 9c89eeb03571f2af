import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("timing.stall_policy", () => {
  it("a misspelt policy is a config error naming the valid ones and the closest", async () => {
    const r = await runCli(["profile", "--request-rate", "10", "--requests", "1", "--stall-policy", "shfit", "--ui", "none"]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("AIPERF_CONFIG_INVALID");
    expect(r.stderr).toContain("must be one of catch_up, shift, skip");
    expect(r.stderr).toContain('did you mean "shift"');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
