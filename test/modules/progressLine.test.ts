import { consoleStyle } from "aiperf";
import { describe, expect, it } from "vitest";
import { formatSeconds, type ProgressView, progressLine } from "../../dist/modules/ui/progressLine.js";

const plain = consoleStyle(false);
const view = (v: Partial<ProgressView>): ProgressView => ({
  phase: "profiling",
  completed: 0,
  errors: 0,
  cancelled: 0,
  elapsedS: 0,
  rate: 0,
  final: false,
  ...v,
});

describe("progressLine", () => {
  it("a count-bounded phase: bar, done/total, req/s, errors, p50 TTFT and an ETA, within the width", () => {
    const line = progressLine(view({ completed: 100, total: 200, elapsedS: 5, rate: 20, ttftP50Ms: 23.456 }), 77, plain);
    expect(line).toMatch(/^profiling \[#+-+\] 100\/200 {2}20\.0 req\/s {2}0 err {2}p50 TTFT 23\.5ms {2}ETA 5\.0s$/);
    expect(line.length).toBeLessThanOrEqual(77);
  });

  it("the final line shows the true final count and how long the phase took", () => {
    const line = progressLine(view({ phase: "warmup", completed: 16, total: 16, elapsedS: 0.74, rate: 21.6, final: true }), 77, plain);
    expect(line).toMatch(/^warmup {4}\[#+\] 16\/16 {2}21\.6 req\/s {2}0 err {2}in 0\.7s$/);
  });

  it("a phase bounded by time alone shows the count done and elapsed/length, never an ETA (nor NaN before anything completed)", () => {
    const start = progressLine(view({ durationS: 60, elapsedS: 0 }), 77, plain);
    expect(start).toMatch(/0 done .* 0\.0s\/1m00s$/);
    const later = progressLine(view({ durationS: 60, elapsedS: 12, completed: 240, rate: 20 }), 77, plain);
    expect(later).toMatch(/^profiling \[#+-+\] 240 done .* 12s\/1m00s$/);
    for (const line of [start, later]) expect(line).not.toMatch(/ETA|NaN|Infinity|NFs/);
  });

  it("no rate yet: elapsed time instead of an ETA", () => {
    expect(progressLine(view({ total: 200, elapsedS: 0.2 }), 77, plain)).toMatch(/elapsed 0\.2s$/);
  });

  it("drops the TTFT, then the bar, to fit a narrow terminal", () => {
    const v = view({ completed: 12345, total: 100000, elapsedS: 100, rate: 123.4, errors: 12, cancelled: 3, ttftP50Ms: 1234.5 });
    for (const width of [77, 60, 50, 40, 20]) expect(progressLine(v, width, plain).length, String(width)).toBeLessThanOrEqual(width);
    expect(progressLine(v, 77, plain)).toContain("[");
    expect(progressLine(v, 60, plain)).not.toContain("TTFT");
  });

  it("styles errors and the bar when colours are on, and counts widths without the escape codes", () => {
    const line = progressLine(view({ completed: 5, total: 10, errors: 2, rate: 1, elapsedS: 5 }), 77, consoleStyle(true));
    expect(line).toContain("\x1b[31m2 err\x1b[39m");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the escape codes
    expect(line.replace(/\x1b\[[0-9;]*m/g, "").length).toBeLessThanOrEqual(77);
  });
});

describe("formatSeconds", () => {
  it("reads at a glance", () => {
    expect([0.74, 42, 185, 3720, Number.NaN].map(formatSeconds)).toEqual(["0.7s", "42s", "3m05s", "1h02m", "--"]);
  });
});
