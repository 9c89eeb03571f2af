import type { RequestJob, RequestRecord, ServiceContext } from "aiperf";

/** Worker → controller. */
export type WorkerMessage =
  | { t: "hello"; host: string; pid: number; node: string }
  | { t: "ready" }
  | { t: "failed"; message: string }
  | { t: "hb" }
  | { t: "pong"; seq: number; t0: number; tw: number }
  | { t: "record"; id: number; record: RequestRecord };

/** Controller → worker. */
export type ControllerMessage =
  | { t: "welcome"; worker: string; context: Omit<ServiceContext, "tokenizer">; heartbeatMs: number }
  | { t: "refused"; reason: string }
  | { t: "hb" }
  | { t: "ping"; seq: number; t0: number }
  | { t: "credit"; id: number; job: RequestJob }
  | { t: "cancel" }
  | { t: "stop" };

/** Encodes and decodes messages with msgpackr (binary, no JSON on the hot path). */
export interface Codec {
  encode(message: WorkerMessage | ControllerMessage): Buffer;
  decode<T>(bytes: Buffer): T;
}

let codec: Promise<Codec> | undefined;

/** The codec, loaded on first use (msgpackr stays out of runs that never go distributed). */
export function loadCodec(): Promise<Codec> {
  codec ??= import("msgpackr").then(({ Packr }) => {
    // Plain maps, no record extension: both ends stay decodable by any MessagePack reader.
    const packr = new Packr({ useRecords: false });
    return { encode: (m) => packr.pack(m), decode: <T>(b: Buffer) => packr.unpack(b) as T };
  });
  return codec;
}

/** Everything a socket needs from zeromq, loaded on first use (its native addon is heavy). */
export function loadZmq(): Promise<typeof import("zeromq")> {
  return import("zeromq");
}
