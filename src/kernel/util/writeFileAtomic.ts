import { writeFile } from "node:fs/promises";
import { writeViaTemp } from "./writeViaTemp.js";

/**
 * Writes a file so readers never see it half-written (see `writeViaTemp`: a temp file renamed
 * into place, removed when the write fails or the process exits meanwhile).
 * @public
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  await writeViaTemp(file, (tmp) => writeFile(tmp, content));
}
