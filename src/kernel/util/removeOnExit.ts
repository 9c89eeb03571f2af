import { rmSync } from "node:fs";

/**
 * Files to remove at exit, per process (one `exit` listener for all of them: many atomic writes
 * at once must not add a listener each). The process is the unit here, not an app: exit is.
 */
const pending = new Set<string>();

function removePending(): void {
  for (const file of pending) {
    try {
      rmSync(file, { force: true });
    } catch {
      // exiting: nothing more can be done about it
    }
  }
}

/**
 * Removes `file` if the process exits before the returned function is called: a temp file being
 * written when the user quits at once (a second Ctrl-C, `process.exit`) is not left behind.
 * A signal that kills the process without an exit (SIGKILL) cannot be caught.
 * @public
 */
export function removeOnExit(file: string): () => void {
  if (pending.size === 0) process.on("exit", removePending);
  pending.add(file);
  return () => {
    if (!pending.delete(file) || pending.size > 0) return;
    process.off("exit", removePending);
  };
}
