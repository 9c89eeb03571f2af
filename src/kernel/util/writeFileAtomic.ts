import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { removeOnExit } from "./removeOnExit.js";

/**
 * Writes a file so readers never see it half-written: a temp file in the same folder, then a
 * rename (atomic on POSIX). Creates the folder if needed. A write or rename that fails (a full
 * disk), or the process exiting meanwhile, removes the temp file: nothing is left behind but what
 * was there before.
 * @public
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`);
  const keep = removeOnExit(tmp);
  try {
    await writeFile(tmp, content);
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  } finally {
    keep();
  }
}
