import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { DataExporter, ProfileResults, RequestRecord } from "aiperf";

/** Lines are joined into chunks of about this many characters before each write. */
const CHUNK_CHARS = 1 << 20;

/**
 * Built-in `records`: `profile_records.jsonl`, one line per profiling request with its raw
 * monotonic timestamps (ns, CLOCK_MONOTONIC: comparable with other processes on the machine).
 * Streamed to disk in chunks (a run of millions of records never becomes one string), into a
 * temp file renamed at the end, so readers never see half a file.
 */
export class RecordsExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_records.jsonl");
    await mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `.profile_records.jsonl.${process.pid}.${Date.now()}.tmp`);
    try {
      await writeLines(tmp, results.records);
      await rename(tmp, file);
    } catch (error) {
      await rm(tmp, { force: true });
      throw error;
    }
    return [file];
  }
}

/** Writes one JSON line per record, waiting for the stream to drain between chunks. */
async function writeLines(file: string, records: readonly RequestRecord[]): Promise<void> {
  const out = createWriteStream(file);
  const failed = new Promise<never>((_, reject) => out.once("error", reject));
  failed.catch(() => {});
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await Promise.race([once(out, "drain"), failed]);
  };
  try {
    let chunk = "";
    for (const record of records) {
      chunk += `${JSON.stringify(record)}\n`;
      if (chunk.length >= CHUNK_CHARS) {
        await write(chunk);
        chunk = "";
      }
    }
    if (chunk.length > 0) await write(chunk);
    out.end();
    await Promise.race([once(out, "finish"), failed]);
  } catch (error) {
    out.destroy();
    throw error;
  }
}
