import { execFileSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, open, openSync, readdirSync, readFileSync, rmSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RequestRecord } from "aiperf";
import { metricColumn, metricValues } from "aiperf";
import { describe, expect, it } from "vitest";
import { JsonBytes } from "../../dist/src/profiler/run/JsonBytes.js";
import { MetricColumns } from "../../dist/src/profiler/run/MetricColumns.js";
import { RecordStore } from "../../dist/src/profiler/run/RecordStore.js";

/**
 * Holds every thread of libuv's pool in an `open` of a FIFO that has no writer yet, so file work
 * queued after this call waits; the returned function lets them go (no timing involved).
 */
function holdThreadPool(dir: string): () => Promise<void> {
  const fifo = path.join(dir, "hold.fifo");
  execFileSync("mkfifo", [fifo]);
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  const held = Array.from({ length: threads }, () => new Promise<number>((resolve, reject) => open(fifo, "r", (e, fd) => (e ? reject(e) : resolve(fd)))));
  return async () => {
    let writer: number | undefined;
    while (writer === undefined) {
      try {
        writer = openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch (error) {
        // No reader in its open yet: a pool thread is about to be.
        if ((error as NodeJS.ErrnoException).code !== "ENXIO") throw error;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    for (const fd of await Promise.all(held)) closeSync(fd);
    closeSync(writer);
    rmSync(fifo);
  };
}

const minimal = (i: number): RequestRecord => ({
  phase: "profiling" as RequestRecord["phase"],
  credit: i,
  turnId: `t${i % 7}`,
  startNs: 1_000_000_000_000 + i * 1000,
  tokenNs: [],
  endNs: 1_000_000_000_000 + i * 1000 + 999,
  inputTokens: 0,
  outputTokens: 0,
});

const full: RequestRecord = {
  phase: "warmup" as RequestRecord["phase"],
  credit: 4_000_000_000,
  turnId: "conv-1/turn-2",
  startNs: 123_456_789_012_345.5,
  issuedNs: 123_456_789_000_000,
  firstTokenNs: 123_456_790_000_000,
  firstContentNs: 123_456_791_000_000,
  tokenNs: [123_456_790_000_000, 123_456_791_000_000, 123_456_792_000_001],
  endNs: 123_456_799_000_000,
  inputTokens: 512,
  outputTokens: 2,
  reasoningTokens: 1,
  tokenCountSource: "tokenizer",
  usage: { promptTokens: 510, completionTokens: 3, reasoningTokens: 1 },
  requestedOutputTokens: 128,
  streaming: true,
  worker: "worker-2",
  status: 200,
  error: 'HTTP 500: ünïcødé 💥 "quoted"\nsecond line',
  cancelled: false,
  scheduledNs: 123_456_788_000_000,
  inFlightAtStart: 64,
};

describe("RecordStore: records in columns round-trip exactly", () => {
  it("gives back every field, absent optional fields staying absent", () => {
    const store = new RecordStore();
    const records: RequestRecord[] = [
      minimal(0),
      full,
      { ...minimal(2), streaming: false, cancelled: true, usage: {} },
      { ...minimal(3), usage: { completionTokens: 0 }, tokenCountSource: "server", status: 0 },
      // Values the compact columns cannot hold are kept exactly too.
      { ...minimal(4), inputTokens: 1.5, outputTokens: -1, credit: 2 ** 40, status: 70_000, issuedNs: 0 },
      { ...minimal(5), firstTokenNs: 7, tokenNs: [8, 9] },
      { ...minimal(6), firstTokenNs: 1_000_000_000_006_000, firstContentNs: 1_000_000_000_006_000, tokenNs: [1_000_000_000_006_000] },
      { ...minimal(7), tokenNs: Array.from({ length: 70_000 }, (_, k) => 2e12 + k * 0.25), error: "" },
      { ...minimal(8), scheduledNs: -0, worker: "worker-2", error: 'HTTP 500: ünïcødé 💥 "quoted"\nsecond line' },
    ];
    for (const r of records) store.append(r);
    expect(store.length).toBe(records.length);
    records.forEach((r, i) => {
      const back = store.at(i) as RequestRecord;
      expect(back).toStrictEqual(r);
      expect(Object.keys(back).sort()).toEqual(Object.keys(r).sort());
    });
    expect([...store]).toStrictEqual(records);
    expect(Object.is(store.at(8)?.scheduledNs, -0)).toBe(true);
  });

  it("drops the texts kept only until token counting", () => {
    const store = new RecordStore();
    store.append({ ...minimal(0), outputText: "hello", reasoningText: "hmm" });
    expect(store.at(0)).toStrictEqual(minimal(0));
  });

  it("answers like an array outside its range, and from the end for a negative index", () => {
    const store = new RecordStore();
    expect(store.at(0)).toBeUndefined();
    expect([...store]).toEqual([]);
    store.append(minimal(0));
    store.append(minimal(1));
    expect(store.at(2)).toBeUndefined();
    expect(store.at(-1)).toStrictEqual(minimal(1));
    expect(store.at(1.5)).toBeUndefined();
  });

  it("keeps many records across blocks, with their tokens, in order", () => {
    const store = new RecordStore();
    const n = 40_000;
    const make = (i: number): RequestRecord => ({
      ...minimal(i),
      tokenNs: Array.from({ length: i % 5 }, (_, k) => i * 10 + k),
      ...(i % 3 ? { worker: `w${i % 4}` } : {}),
    });
    for (let i = 0; i < n; i++) store.append(make(i));
    let i = 0;
    for (const r of store) expect(r).toStrictEqual(make(i++));
    expect(i).toBe(n);
    expect(store.at(16_384)).toStrictEqual(make(16_384));
  });

  it("keeps a streamed record's token times in about 4 bytes a token (8 as absolute times), every odd time still exact", () => {
    const store = new RecordStore();
    const n = 20_000;
    // 20 tokens 9.87 ms apart: the usual stream, whose absolute times took 8 bytes each.
    const make = (i: number): RequestRecord => {
      const startNs = 5e15 + i * 1e6;
      return { ...minimal(i), startNs, endNs: startNs + 3e8, tokenNs: Array.from({ length: 20 }, (_, k) => startNs + 1e6 + k * 9_870_123) };
    };
    const bare = new RecordStore();
    for (let i = 0; i < n; i++) {
      store.append(make(i));
      bare.append({ ...make(i), tokenNs: [] });
    }
    expect((store.bytes - bare.bytes) / (20 * n)).toBeLessThan(4.5);
    expect(store.at(12_345)).toStrictEqual(make(12_345));
    const odd = [Number.NaN, 3, Number.POSITIVE_INFINITY, -0, 2 ** 60, 2 ** 60 + 2 ** 9, -5.5, 1e300];
    store.append({ ...minimal(0), tokenNs: odd });
    expect(store.at(-1)?.tokenNs).toStrictEqual(odd);
    expect(Object.is(store.at(-1)?.tokenNs[3], -0)).toBe(true);
  });

  it("keeps a time to first token over 4.29 s exactly, its block of gaps widened to 8 bytes a token and no more", () => {
    const store = new RecordStore();
    const bare = new RecordStore();
    const n = 20_000;
    const make = (i: number): RequestRecord => {
      const startNs = 5e15 + i * 1e6;
      // A saturated server: the first token after 6 s, then 10 ms apart.
      return { ...minimal(i), startNs, endNs: startNs + 7e9, tokenNs: Array.from({ length: 20 }, (_, k) => startNs + 6e9 + k * 1e7) };
    };
    for (let i = 0; i < n; i++) {
      store.append(make(i));
      bare.append({ ...make(i), tokenNs: [] });
    }
    expect((store.bytes - bare.bytes) / (20 * n)).toBeLessThan(8.5);
    for (const i of [0, 9_999, n - 1]) expect(store.at(i)).toStrictEqual(make(i));
  });

  it("moves token times past its memory budget to a file in the run's folder, reads every one back exactly, and leaves no file behind", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-tokens-"));
    try {
      const store = new RecordStore({ tokenDir: dir, tokenMemoryBytes: 0 });
      const inMemory = new RecordStore();
      const n = 20_000;
      const make = (i: number): RequestRecord => {
        const startNs = 5e15 + i * 1e6;
        // Every 1,000th record a saturated server's 6 s first token: its block of gaps is 8 bytes wide.
        const first = i % 1000 === 0 ? 6e9 : 1e6;
        return { ...minimal(i), startNs, endNs: startNs + 7e9, tokenNs: Array.from({ length: 20 }, (_, k) => startNs + first + k * 9_870_123) };
      };
      for (let i = 0; i < n; i++) {
        store.append(make(i));
        inMemory.append(make(i));
      }
      const odd = [Number.NaN, 3, Number.POSITIVE_INFINITY, -0, 2 ** 60, -5.5];
      store.append({ ...minimal(n), tokenNs: odd });
      await store.written();
      // 400,000 gaps: all but the last, unfinished block of 16,384 are on disk.
      expect(store.bytes).toBeLessThan(inMemory.bytes - 1_400_000);
      for (const i of [0, 1, 999, 1000, 12_345, n - 1]) expect(store.at(i)).toStrictEqual(make(i));
      expect(store.at(n)?.tokenNs).toStrictEqual(odd);
      for (let i = 0; i < n; i += 97) expect(store.at(i)?.tokenNs).toStrictEqual(make(i).tokenNs);
      const out = new JsonBytes(1 << 16);
      store.writeJsonLine(4321, out);
      expect(out.take().toString()).toBe(`${JSON.stringify(make(4321))}\n`);
      // The file was unlinked as soon as it was open: a killed run leaves nothing in its folder.
      expect(readdirSync(dir)).toEqual([]);
      store.close();
      expect(() => store.at(5)).toThrow(/read after their records were closed/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps every token time in memory, and says why once, when its folder cannot take the file", async () => {
    const told: string[] = [];
    const store = new RecordStore({
      tokenDir: path.join(os.tmpdir(), "aiperf-no-such-folder", "deeper"),
      tokenMemoryBytes: 0,
      onTokenFileError: (message) => told.push(message),
    });
    const bare = new RecordStore();
    const make = (i: number): RequestRecord => ({ ...minimal(i), tokenNs: Array.from({ length: 20 }, (_, k) => 1e12 + i * 1e6 + k * 1e4) });
    for (let i = 0; i < 2000; i++) {
      store.append(make(i));
      bare.append(make(i));
    }
    await store.written();
    expect(store.bytes).toBe(bare.bytes);
    for (const i of [0, 1000, 1999]) expect(store.at(i)).toStrictEqual(make(i));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/^token times stay in memory: no temporary file in .*aiperf-no-such-folder/);
  });

  it("reads times moved out and times still in memory alike, before and after their writes land (narrow gaps too)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-tokens-"));
    try {
      // Three blocks' worth stay in memory; gaps of 7 and 300 ns keep blocks 1 and 2 bytes wide.
      const store = new RecordStore({ tokenDir: dir, tokenMemoryBytes: 3 * 16_384 });
      const make = (i: number): RequestRecord => {
        const startNs = 1e12 + i * 1e5;
        return { ...minimal(i), startNs, tokenNs: Array.from({ length: 30 }, (_, k) => startNs + (i % 2 === 0 ? 7 : 300) * (k + 1)) };
      };
      const n = 10_000;
      const check = () => {
        for (let i = 0; i < n; i += 37) expect(store.at(i)?.tokenNs).toStrictEqual(make(i).tokenNs);
      };
      const inMemory = new RecordStore();
      for (let i = 0; i < n; i++) {
        store.append(make(i));
        inMemory.append(make(i));
      }
      check();
      await store.written();
      check();
      // 300,000 gaps in 2-byte blocks of 32 KiB: the first stays (within the budget), 17 full ones move, the unfinished last stays.
      expect(inMemory.bytes - store.bytes).toBe(17 * 32_768);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("finishes writes under way before it lets the file go, so they never land in a file opened after the close", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-tokens-"));
    try {
      const store = new RecordStore({ tokenDir: dir, tokenMemoryBytes: 0 });
      // Every thread of the pool held: the store's writes are certainly still queued at the close.
      const release = holdThreadPool(dir);
      let landed = false;
      for (let i = 0; i < 20_000; i++) store.append({ ...minimal(i), tokenNs: Array.from({ length: 20 }, (_, k) => 1e12 + i * 1e6 + k * 9_870_123) });
      void store.written().then(() => (landed = true));
      store.close();
      // Opened right after the close: it would get the store's descriptor number if that were free already.
      const other = path.join(dir, "other.txt");
      const handle = openSync(other, "w+");
      writeSync(handle, "kept");
      await new Promise((resolve) => setImmediate(resolve));
      expect(landed).toBe(false);
      await release();
      await store.written();
      closeSync(handle);
      expect(readFileSync(other, "utf8")).toBe("kept");
      expect(readdirSync(dir)).toEqual(["other.txt"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rewrites error texts in place (redaction) and counts them without building records", () => {
    const store = new RecordStore();
    store.append({ ...minimal(0), error: "token sk-secret rejected" });
    store.append(minimal(1));
    store.append({ ...minimal(2), error: "timeout" });
    store.append({ ...minimal(3), error: "token sk-secret rejected" });
    store.rewriteErrors((e) => e.replace("sk-secret", "***"));
    expect(store.at(0)?.error).toBe("token *** rejected");
    expect(store.at(3)?.error).toBe("token *** rejected");
    expect(store.errorCounts()).toEqual([
      ["token *** rejected", 2],
      ["timeout", 1],
    ]);
  });
});

describe("MetricColumns: per-request metric values as columns", () => {
  it("reads back every value exactly (narrow and wide), no value staying absent", () => {
    const columns = new MetricColumns(4);
    columns.set(0, "count", 3);
    columns.set(2, "count", 16_777_217);
    columns.set(1, "latency", 12.345678901234);
    // Each step of widening: bytes, Uint16, Float32, Float64 (the "no value" marks carried along).
    for (const [i, v] of [
      [0, 254],
      [1, 255],
      [2, 65_535],
      [3, 0.5],
    ] as const)
      columns.set(i, "ladder", v);
    columns.set(1, "small", 7);
    expect([...columns]).toEqual([
      { count: 3, ladder: 254 },
      { latency: 12.345678901234, ladder: 255, small: 7 },
      { count: 16_777_217, ladder: 65_535 },
      { ladder: 0.5 },
    ]);
    expect(Array.from(metricColumn(columns, "count"))).toEqual([3, Number.NaN, 16_777_217, Number.NaN]);
    expect(Array.from(metricColumn(columns, "small"))).toEqual([Number.NaN, 7, Number.NaN, Number.NaN]);
    expect(Array.from(metricColumn(columns, "none"))).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN]);
    expect(columns.at(5)).toBeUndefined();
    expect(Array.from(metricValues(columns, "ladder"))).toEqual([254, 255, 65_535, 0.5]);
    const scratch = new Float64Array(4);
    expect(Array.from(metricValues(columns, "count", scratch))).toEqual([3, 16_777_217]);
    expect(metricValues(columns, "count", scratch).buffer).toBe(scratch.buffer);
    expect(Array.from(metricValues(columns, "none"))).toEqual([]);
  });

  it("metricColumn and metricValues read a plain array of entries too", () => {
    expect(Array.from(metricColumn([{ a: 1 }, {}, { a: 2.5 }], "a"))).toEqual([1, Number.NaN, 2.5]);
    expect(Array.from(metricValues([{ a: 1 }, {}, { a: 2.5 }], "a"))).toEqual([1, 2.5]);
  });
});
