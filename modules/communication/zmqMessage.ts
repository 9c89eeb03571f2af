import { Packr } from "msgpackr";

/**
 * One MessagePack codec for every ZeroMQ message: records carry arrays of nanosecond times, which
 * MessagePack sends as 9-byte numbers instead of JSON's decimal text, and `undefined` stays
 * distinct from `null`, so a record decodes to the object that was sent. Plain MessagePack (no
 * record extension), so every process decodes every message without shared state.
 */
const packr = new Packr({ useRecords: false });

/** Encodes a message for a ZeroMQ frame. */
export function encodeMessage(message: unknown): Buffer {
  return packr.pack(message);
}

/** Decodes a frame made by `encodeMessage`. */
export function decodeMessage(frame: Buffer): unknown {
  return packr.unpack(frame);
}
