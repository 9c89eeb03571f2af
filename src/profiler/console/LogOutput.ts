/**
 * Where a run's diagnostic text goes: the app logger's lines and the CLI's notices (stderr by
 * default). A live view that owns the terminal diverts it while it draws, so that text lands
 * above the view instead of being glued to it or drawn over.
 * @public
 */
export class LogOutput {
  private sink: ((text: string) => void) | undefined;

  constructor(private readonly direct: (text: string) => void = (text) => process.stderr.write(text)) {}

  /** Writes `text` (whole lines, each ending in a newline). */
  write(text: string): void {
    (this.sink ?? this.direct)(text);
  }

  /** Sends text to `sink` until the returned function is called. */
  divert(sink: (text: string) => void): () => void {
    const previous = this.sink;
    this.sink = sink;
    return () => {
      // Restoring out of order must not re-install a sink that already ended.
      if (this.sink === sink) this.sink = previous;
    };
  }
}
