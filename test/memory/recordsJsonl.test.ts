import { Buffer } from "node:buffer";
import type { RequestRecord } from "aiperf";
import { recordsJsonl } from "aiperf";
import { describe, expect, it } from "vitest";
import { JsonBytes } from "../../dist/src/profiler/run/JsonBytes.js";
import { RecordStore } from "../../dist/src/profiler/run/RecordStore.js";

const base = (i: number): RequestRecord => ({
  phase: "profiling" as RequestRecord["phase"],
  credit: i,
  turnId: `synthetic-${i % 13}`,
  startNs: 8_890_303_252_410 + i * 3001,
  issuedNs: 8_890_303_252_410 + i * 3001 - 36_000,
  firstTokenNs: 8_890_308_252_410 + i * 3001,
  firstContentNs: 8_890_308_252_410 + i * 3001,
  tokenNs: [8_890_308_252_410 + i * 3001],
  endNs: 8_890_309_000_000 + i * 3001,
  inputTokens: 10,
  outputTokens: 10,
  tokenCountSource: "server",
  usage: { promptTokens: 10, completionTokens: 10 },
  requestedOutputTokens: 64,
  streaming: false,
  status: 200,
  inFlightAtStart: i % 64,
});

/** Records with every optional field on and off, values the columns keep as exceptions, and non-ASCII text. */
function varied(i: number): RequestRecord {
  const r = base(i);
  switch (i % 9) {
    case 1:
      return { ...r, streaming: true, tokenNs: [1, 2.5, -0, Number.NaN, 2 ** 53 + 2], firstTokenNs: 0.5, firstContentNs: 3, reasoningTokens: 4 };
    case 2:
      return { ...r, error: 'HTTP 500: ünïcødé 💥 "quoted"\nsecond \u2028 line \u0001', status: 500, cancelled: false, usage: {} };
    case 3:
      return { ...r, cancelled: true, worker: "wörker-1", scheduledNs: -0, usage: { reasoningTokens: 2 } };
    case 4:
      return { ...r, inputTokens: 1.5, outputTokens: -1, credit: 2 ** 40, status: 70_000, startNs: 0.1 + 0.2, endNs: 1e21 };
    case 5: {
      const { issuedNs: _i, firstTokenNs: _f, firstContentNs: _c, usage: _u, status: _s, tokenCountSource: _t, ...rest } = r;
      return { ...rest, tokenNs: [], inFlightAtStart: Number.POSITIVE_INFINITY } as RequestRecord;
    }
    case 6:
      return { ...r, phase: "warmup" as RequestRecord["phase"], issuedNs: r.startNs - 0.25, usage: { completionTokens: 3, reasoningTokens: 1 } };
    case 7:
      return { ...r, tokenNs: Array.from({ length: 40 }, (_, k) => r.startNs + k * 1_000_003), worker: "worker-0", scheduledNs: r.startNs - 5e6 };
    default:
      return r;
  }
}

function jsonl(store: RecordStore): string {
  return Buffer.concat([...recordsJsonl(store)]).toString("utf8");
}

describe("recordsJsonl: the records export written from the columns", () => {
  it("writes exactly JSON.stringify of each record (odd values, non-ASCII text), across record blocks", () => {
    const records = Array.from({ length: 40_000 }, (_, i) => varied(i));
    const store = new RecordStore();
    for (const r of records) store.append(r);
    const expected = records.map((_, i) => `${JSON.stringify(store.at(i))}\n`).join("");
    expect(jsonl(store)).toBe(expected);
  });

  it("gives pieces of about 1 MB, and nothing for no records", () => {
    const store = new RecordStore();
    for (let i = 0; i < 10_000; i++) store.append(base(i));
    const pieces = [...recordsJsonl(store)];
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(1 << 20);
    expect([...recordsJsonl(new RecordStore())]).toEqual([]);
  });

  it("serializes a plain array of records with JSON.stringify", () => {
    const records = [base(0), varied(2)];
    expect(Buffer.concat([...recordsJsonl(records)]).toString("utf8")).toBe(records.map((r) => `${JSON.stringify(r)}\n`).join(""));
  });
});

describe("JsonBytes", () => {
  it("writes numbers as JSON.stringify does", () => {
    const values = [
      0,
      -0,
      1,
      -1,
      9,
      10,
      99_999_999,
      100_000_000,
      100_000_001,
      1e15,
      8_890_303_252_410,
      Number.MAX_SAFE_INTEGER,
      -Number.MAX_SAFE_INTEGER,
      2 ** 53,
      2 ** 53 + 2,
      1e21,
      1.5,
      -0.25,
      0.1 + 0.2,
      5e-324,
      1e-7,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ];
    let seed = 1;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      values.push(Math.floor((seed / 2 ** 32) * 10 ** (k % 17)) * (k % 2 ? -1 : 1));
    }
    const out = new JsonBytes(16);
    for (const v of values) {
      out.number(v);
      out.byte(0x2c);
    }
    expect(out.take().toString("latin1")).toBe(values.map((v) => `${JSON.stringify(v)},`).join(""));
  });

  it("writes milliseconds from whole nanoseconds, and any number of six decimals or fewer, as JSON.stringify does", () => {
    const values = [1e-6, -1e-6, 0.000001, 0.5, 2.616837, 12.3456, 999_999.999999, 4_294_967_295.999999, 4_294_967_296.5, 2 ** 32 - 1e-6, 1e-6 * 3, 0.0000015];
    let seed = 5;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) >>> 0;
      return seed / 2 ** 32;
    };
    for (let k = 0; k < 20_000; k++) {
      // Latencies as the metrics compute them (ns / 1e6), at every magnitude, and other fractions.
      const ns = Math.floor(next() * 10 ** (k % 16));
      values.push(ns / 1e6, -ns / 1e6, ns / 1e3, (ns / 1e6) * 1.1, ns / 7);
    }
    const out = new JsonBytes(16);
    for (const v of values) {
      out.number(v);
      out.byte(0x2c);
    }
    expect(out.take().toString("latin1")).toBe(values.map((v) => `${JSON.stringify(v)},`).join(""));
  });
});
