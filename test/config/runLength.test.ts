import { loadProfilerConfig } from "aiperf";
import { describe, expect, it } from "vitest";
import { parseDuration } from "../../src/cli/parseDuration.js";
import { flagsToSet } from "../../src/cli/profileCommand.js";
import { phaseTimeoutS } from "../../src/profiler/config/AppConfig.js";

const base = { set: [] as string[], cache: true };

describe("run length", () => {
  it("a duration alone has no request cap, and its timeout is the duration plus 30 s", () => {
    const { config } = loadProfilerConfig({ config: { phases: { profiling: { duration_s: 60 } } }, env: {} });
    expect(config.phases.profiling.requests).toBeUndefined();
    expect(config.phases.profiling.duration_s).toBe(60);
    expect(phaseTimeoutS(config.phases.profiling)).toBe(90);
  });

  it("requests and a duration together: both bound the phase (whichever comes first)", () => {
    const { config } = loadProfilerConfig({ config: { phases: { profiling: { duration_s: 60, requests: 10 } } }, env: {} });
    expect(config.phases.profiling.requests).toBe(10);
    expect(config.phases.profiling.duration_s).toBe(60);
  });

  it("a count-bounded phase has no timeout unless one is set", () => {
    const { config } = loadProfilerConfig({ env: {} });
    expect(config.phases.profiling.requests).toBe(200);
    expect(config.phases.warmup.requests).toBe(16);
    expect(phaseTimeoutS(config.phases.profiling)).toBeUndefined();
  });

  it("--duration over a config file that sets a request count removes the count unless --requests is given", () => {
    const file = { phases: { profiling: { requests: 200 } } };
    const alone = loadProfilerConfig({ config: file, set: flagsToSet({ ...base, duration: "3s" }), env: {} }).config.phases.profiling;
    expect(alone).toMatchObject({ duration_s: 3 });
    expect(alone.requests).toBeUndefined();
    const both = loadProfilerConfig({ config: file, set: flagsToSet({ ...base, duration: "3s", requests: "50" }), env: {} }).config.phases.profiling;
    expect(both).toMatchObject({ duration_s: 3, requests: 50 });
  });

  it("refuses a profiling phase that would send nothing, and durations a timer cannot hold", () => {
    for (const profiling of [{ requests: null }, { requests: 0 }, { duration_s: 0, requests: 0 }]) {
      expect(() => loadProfilerConfig({ config: { phases: { profiling } }, env: {} })).toThrow(/set requests \(at least 1\) or duration_s/);
    }
    expect(() => loadProfilerConfig({ config: { phases: { profiling: { duration_s: 30 * 24 * 3600 } } }, env: {} })).toThrow(/duration_s/);
    expect(() => loadProfilerConfig({ config: { phases: { profiling: { timeout_s: 30 * 24 * 3600 } } }, env: {} })).toThrow(/timeout_s/);
  });

  it("reads durations with units and refuses nonsense", () => {
    expect(parseDuration("--duration", "60s")).toBe(60);
    expect(parseDuration("--duration", "5m")).toBe(300);
    expect(parseDuration("--duration", "1.5h")).toBe(5400);
    expect(parseDuration("--duration", "500ms")).toBe(0.5);
    expect(parseDuration("--duration", "45")).toBe(45);
    for (const bad of ["", "0s", "-3s", "3 days", "fast"]) expect(() => parseDuration("--duration", bad)).toThrow(/positive duration/);
  });
});
