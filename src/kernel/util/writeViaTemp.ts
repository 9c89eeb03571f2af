import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { removeOnExit } from "./removeOnExit.js";

/**
 * Replaces `file` so readers never see it half-written: `write` fills a temp file in the same
 * folder (created if needed), which is then renamed into place (atomic on POSIX). A write or
 * rename that fails (a full disk), or the process exiting meanwhile, removes the temp file:
 * nothing is left behind but what was there before.
 * @public
 */
export async function writeViaTemp(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  const keep = removeOnExit(tmp);
  try {
    await write(tmp);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    keep();
  }
}
