import { readFileSync, statSync } from "node:fs";

/** The largest registry or config file read: far above any real one, far below what hangs a parser. */
export const MAX_TEXT_FILE_BYTES = 1024 * 1024;

/**
 * Reads a small UTF-8 text file, or says why not in words. A FIFO, socket or device (which would
 * block a read forever) and anything over `MAX_TEXT_FILE_BYTES` are refused before reading.
 */
export function readSmallTextFile(file: string): { text: string } | { problem: string } {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return { problem: `${file} is not a regular file` };
    if (stat.size > MAX_TEXT_FILE_BYTES) return { problem: `${file} is ${stat.size} bytes; the limit is ${MAX_TEXT_FILE_BYTES} (1 MiB)` };
    return { text: readFileSync(file, "utf8") };
  } catch (error) {
    return { problem: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` };
  }
}
