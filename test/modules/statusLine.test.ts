import { LogOutput } from "aiperf";
import { describe, expect, it } from "vitest";
import { StatusLine } from "../../dist/modules/ui/StatusLine.js";

/** A terminal that interprets `\r`, "clear to end of line" and `\n`: what ends up on screen. */
class FakeTerminal {
  readonly rows: string[] = [""];
  raw = "";
  constructor(
    readonly isTTY: boolean,
    readonly columns = 80,
  ) {}
  write(text: string): boolean {
    this.raw += text;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal control sequences
    for (const token of text.replace(/\x1b\[\?25[lh]/g, "").split(/(\r|\n|\x1b\[K)/)) {
      if (token === "\r") this.col = 0;
      else if (token === "\n") {
        this.rows.push("");
        this.col = 0;
      } else if (token === "\x1b[K") this.rows[this.rows.length - 1] = (this.rows.at(-1) as string).slice(0, this.col);
      else if (token) {
        const row = this.rows.at(-1) as string;
        this.rows[this.rows.length - 1] = row.slice(0, this.col) + token + row.slice(this.col + token.length);
        this.col += token.length;
      }
    }
    return true;
  }
  private col = 0;
}

describe("StatusLine with a diverted LogOutput", () => {
  it("on a terminal: text printed while the line is drawn lands above it, and the line ends at its last state", () => {
    const term = new FakeTerminal(true);
    const direct: string[] = [];
    const output = new LogOutput((t) => direct.push(t));
    const line = new StatusLine(term);
    const restore = output.divert((t) => line.print(t));
    line.draw("profiling [#---] 8/16");
    output.write("[aiperf] info: phase profiling sending complete\n");
    line.draw("profiling [####] 16/16");
    output.write("[aiperf] interrupted: stopping sending\n");
    line.end("profiling [####] 16/16 in 1.0s");
    restore();
    output.write("[aiperf] info: after\n");
    expect(term.rows).toEqual([
      "[aiperf] info: phase profiling sending complete",
      "[aiperf] interrupted: stopping sending",
      "profiling [####] 16/16 in 1.0s",
      "",
    ]);
    expect(direct).toEqual(["[aiperf] info: after\n"]);
    expect(term.raw.startsWith("\x1b[?25l")).toBe(true);
    expect(term.raw.endsWith("\x1b[?25h")).toBe(true);
  });

  it("not a terminal: no redrawing and no escape codes, printed text passes through and the last line is written once", () => {
    const term = new FakeTerminal(false);
    const line = new StatusLine(term);
    line.draw("warmup 1/2");
    line.print("[aiperf] info: a");
    line.draw("warmup 2/2");
    line.end();
    expect(term.raw).toBe("[aiperf] info: a\nwarmup 2/2\n");
  });

  it("leaves room for the terminal's ^C echo so the line never wraps", () => {
    expect(new StatusLine(new FakeTerminal(false, 80)).width).toBe(77);
  });

  it("a diversion ended out of order neither undoes a later one nor comes back", () => {
    const seen: string[] = [];
    const output = new LogOutput((t) => seen.push(`direct:${t}`));
    const first = output.divert((t) => seen.push(`first:${t}`));
    const second = output.divert((t) => seen.push(`second:${t}`));
    first();
    output.write("a");
    second();
    output.write("b");
    expect(seen).toEqual(["second:a", "direct:b"]);
  });
});
