import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes the text (or already encoded) pieces `pieces` yields into `file`, one after another,
 * each written before the next is asked for (never one big string in memory, never more than
 * one piece waiting), through a temp file renamed into place, so readers never see a
 * half-written file.
 */
export async function writeLinesAtomic(file: string, pieces: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await open(tmp, "w");
    try {
      // writeFile writes the whole piece at the current position (write may stop short).
      for await (const piece of pieces) await handle.writeFile(piece);
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
