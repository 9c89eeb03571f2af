/**
 * Where a run's diagnostic text goes: the app logger's lines and the CLI's notices (stderr by
 * default). A live view that owns the terminal diverts it while it draws, so that text lands
 * above the view instead of being glued to it or drawn over.
 * @public
 */
export class LogOutput {
  /** Active diversions, the latest last: it is the one that gets the text. */
  private readonly sinks: ((text: string) => void)[] = [];

  constructor(private readonly direct: (text: string) => void = (text) => process.stderr.write(text)) {}

  /** Writes `text` (whole lines, each ending in a newline). */
  write(text: string): void {
    (this.sinks.at(-1) ?? this.direct)(text);
  }

  /** Sends text to `sink` until the returned function is called. */
  divert(sink: (text: string) => void): () => void {
    this.sinks.push(sink);
    return () => {
      // Ended out of order, a diversion leaves the later ones in place and never comes back.
      const at = this.sinks.lastIndexOf(sink);
      if (at >= 0) this.sinks.splice(at, 1);
    };
  }
}
