import { Buffer } from "node:buffer";
import type { RequestRecords } from "../model/RequestRecords.js";
import { JsonBytes } from "./JsonBytes.js";
import { RecordStore } from "./RecordStore.js";

/** Lines are joined into pieces of about this many bytes (fewer, larger writes). */
const CHUNK_CHARS = 1 << 20;

/**
 * The records as JSON lines (`JSON.stringify(record)` and a newline each, in order), as encoded
 * pieces of about 1 MB to stream to a file. The profiler's own record store writes each line from
 * its columns as bytes, with no record object nor string built per record.
 * @public
 */
export function* recordsJsonl(records: RequestRecords): Generator<Buffer> {
  if (records instanceof RecordStore) {
    const out = new JsonBytes(CHUNK_CHARS + (CHUNK_CHARS >> 2));
    for (let i = 0; i < records.length; i++) {
      records.writeJsonLine(i, out);
      if (out.length >= CHUNK_CHARS) yield out.take();
    }
    if (out.length > 0) yield out.take();
    return;
  }
  let chunk = "";
  for (const record of records) {
    chunk += `${JSON.stringify(record)}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      yield Buffer.from(chunk);
      chunk = "";
    }
  }
  if (chunk.length > 0) yield Buffer.from(chunk);
}
