/** Where the CLI reads and writes; tests pass their own. */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (tables, progress bars). */
  isTTY: boolean;
  cwd: string;
}

/** The process's own streams. */
export function processIO(): CliIO {
  quietWhenReaderGone(process.stdout);
  quietWhenReaderGone(process.stderr);
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    isTTY: Boolean(process.stdout.isTTY),
    cwd: process.cwd(),
  };
}

/**
 * A reader that went away (`aiperf profile | head -3`) ends what the CLI prints there, not the
 * run: the exports are still written. Unhandled, the broken pipe crashed the run with a stack
 * trace, or, with stderr in the same pipe, looped forever logging its own write errors.
 */
function quietWhenReaderGone(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE" && error.code !== "ERR_STREAM_DESTROYED") throw error;
  });
}
