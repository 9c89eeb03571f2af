import { rmSync } from "node:fs";

/**
 * Removes `file` if the process exits before the returned function is called: a temp file being
 * written when the user quits at once (a second Ctrl-C, `process.exit`) is not left behind.
 * A signal that kills the process without an exit (SIGKILL) cannot be caught.
 * @public
 */
export function removeOnExit(file: string): () => void {
  const remove = () => {
    try {
      rmSync(file, { force: true });
    } catch {
      // exiting: nothing more can be done about it
    }
  };
  process.once("exit", remove);
  return () => {
    process.off("exit", remove);
  };
}
