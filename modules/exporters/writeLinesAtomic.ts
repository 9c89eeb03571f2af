import { Buffer } from "node:buffer";
import { type FileHandle, open } from "node:fs/promises";
import { writeViaTemp } from "aiperf";

/**
 * Writes all of `piece` at the handle's position: one write for the whole piece where it can
 * (`writeFile` goes in 512 KiB steps, each waiting for the event loop, so the next piece being
 * made would hold up the rest), looping only when a write stops short.
 */
async function writeAll(handle: FileHandle, piece: string | Uint8Array): Promise<void> {
  if (typeof piece !== "string" && !(piece instanceof Uint8Array)) throw new TypeError(`a piece to write is text or bytes, not ${typeof piece}`);
  const bytes = typeof piece === "string" ? Buffer.from(piece) : piece;
  let at = 0;
  while (at < bytes.length) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
}

/**
 * Writes the text (or already encoded) pieces `pieces` yields into `file`, one after another,
 * the next piece made while the one before is being written (never one big string in memory,
 * never more than two pieces held: the iterator must yield a new piece each time, not a buffer
 * it reuses), through a temp file renamed into place, so readers never see a half-written file;
 * the temp file is removed when writing fails or the process exits meanwhile (a second Ctrl-C).
 */
export async function writeLinesAtomic(file: string, pieces: Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>): Promise<void> {
  await writeViaTemp(file, async (tmp) => {
    const handle = await open(tmp, "w");
    let writing: Promise<void> = Promise.resolve();
    try {
      for await (const piece of pieces) {
        await writing;
        // Its failure is awaited at the next piece; marked handled now, so it is never reported
        // as unhandled while that piece is being made.
        writing = writeAll(handle, piece);
        writing.catch(() => {});
      }
      await writing;
    } finally {
      await writing.catch(() => {});
      await handle.close();
    }
  });
}
