/** The part of a terminal stream the status line uses (a fake in tests). */
export interface StatusStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const CLEAR_LINE = "\r\x1b[K";
const HIDE_CURSOR = "\x1b[?25l";
const SHOW_CURSOR = "\x1b[?25h";

/**
 * One line redrawn in place at the bottom of a terminal, with text printed above it: a print
 * clears the line, writes the text (which scrolls up with the rest of the screen) and redraws the
 * line under it, so nothing is ever glued to the line or drawn over. On a stream that is not a
 * terminal nothing is redrawn: printed text passes through and `end` writes the last line once.
 */
export class StatusLine {
  private current = "";
  private active = true;
  private readonly live: boolean;
  private readonly restoreCursor = () => this.stream.write(SHOW_CURSOR);

  constructor(private readonly stream: StatusStream) {
    this.live = stream.isTTY === true;
    if (this.live) {
      stream.write(HIDE_CURSOR);
      // A second Ctrl-C exits without `end`: the cursor must not stay hidden in the user's shell.
      process.once("exit", this.restoreCursor);
    }
  }

  /**
   * Columns a line may use. It must never wrap (a wrapped line cannot be cleared with one `\r`),
   * even when the terminal echoes `^C` after it on Ctrl-C: hence three columns to spare.
   */
  get width(): number {
    return Math.max(20, (this.stream.columns ?? 80) - 3);
  }

  /** Replaces the line. */
  draw(line: string): void {
    this.current = line;
    if (this.live && this.active) this.stream.write(`${CLEAR_LINE}${line}`);
  }

  /** Prints text above the line (a newline is added when missing). */
  print(text: string): void {
    const lines = text.endsWith("\n") ? text : `${text}\n`;
    if (!this.live || !this.active) {
      this.stream.write(lines);
      return;
    }
    this.stream.write(`${CLEAR_LINE}${lines}${this.current}`);
  }

  /** Leaves the last line on screen (drawn once more with `line` when given) and ends the view. */
  end(line = this.current): void {
    if (!this.active) return;
    this.active = false;
    if (this.live) {
      this.stream.write(`${CLEAR_LINE}${line}\n${SHOW_CURSOR}`);
      process.off("exit", this.restoreCursor);
    } else this.stream.write(`${line}\n`);
  }
}
