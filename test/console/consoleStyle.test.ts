import { colorEnabled, consoleStyle } from "aiperf";
import { describe, expect, it } from "vitest";

const tty = { isTTY: true, hasColors: () => true };
const pipe = { isTTY: false };

describe("colorEnabled", () => {
  it("colours a terminal that has colours, never a pipe", () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled({ isTTY: true, hasColors: () => false }, {})).toBe(false);
    expect(colorEnabled(pipe, {})).toBe(false);
  });

  it("NO_COLOR turns colours off even when FORCE_COLOR asks for them; FORCE_COLOR colours a pipe", () => {
    expect(colorEnabled(tty, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: "" })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: "0" })).toBe(false);
  });
});

describe("consoleStyle", () => {
  it("adds escape codes only when enabled", () => {
    expect(consoleStyle(false)(["bold", "red"], "x")).toBe("x");
    expect(consoleStyle(true)("red", "x")).toBe("\x1b[31mx\x1b[39m");
  });
});
