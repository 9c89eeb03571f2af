import type { RecordMetrics } from "../model/MetricResult.js";
import type { RecordMetricsList } from "../model/RecordMetricsList.js";
import { atIndex } from "./atIndex.js";

type Column = Uint8Array | Uint16Array | Float32Array | Float64Array;

/** "No value" in the integer columns (NaN in the float ones): the type's largest value. */
const NONE_U8 = 0xff;
const NONE_U16 = 0xffff;

/** Whether `column` holds `value` exactly (and not as its "no value" mark). */
function holds(column: Column, value: number): boolean {
  if (column instanceof Float64Array) return true;
  if (column instanceof Float32Array) return Object.is(Math.fround(value), value);
  const none = column instanceof Uint8Array ? NONE_U8 : NONE_U16;
  return Number.isInteger(value) && value >= 0 && value < none && !Object.is(value, -0);
}

/** The next wider column type after `column` that holds `value`. */
function widerFor(column: Column, value: number): new (length: number) => Column {
  if (column instanceof Uint8Array && holds(new Uint16Array(0), value)) return Uint16Array;
  if (!(column instanceof Float32Array) && Object.is(Math.fround(value), value)) return Float32Array;
  return Float64Array;
}

function read(column: Column, i: number): number {
  const v = column[i] as number;
  if (column instanceof Uint8Array) return v === NONE_U8 ? Number.NaN : v;
  if (column instanceof Uint16Array) return v === NONE_U16 ? Number.NaN : v;
  return v;
}

/**
 * Per-request metric values as one column per tag over all records. A column is allocated when
 * its metric first has a value, in the narrowest type that holds every value exactly: bytes while
 * the values are small integers (token counts), then Uint16, Float32, Float64 (latencies in ms),
 * widened (one copy) on the first value that needs it; never a rounded value. "No value" is NaN
 * (the integer types' largest value).
 */
export class MetricColumns implements RecordMetricsList {
  private readonly columns = new Map<string, Column>();

  constructor(readonly length: number) {}

  /** Sets a value (NaN: none). */
  set(index: number, tag: string, value: number): void {
    if (Number.isNaN(value)) return;
    let column = this.columns.get(tag);
    if (column === undefined) {
      column = new Uint8Array(this.length).fill(NONE_U8);
      this.columns.set(tag, column);
    }
    if (!holds(column, value)) {
      const Wider = widerFor(column, value);
      const wide = new Wider(this.length);
      const none = wide instanceof Uint16Array ? NONE_U16 : Number.NaN;
      for (let i = 0; i < this.length; i++) {
        const v = read(column, i);
        wide[i] = Number.isNaN(v) ? none : v;
      }
      column = wide;
      this.columns.set(tag, column);
    }
    column[index] = value;
  }

  /** The values of `tag` (NaN: no value), undefined when no request has one. Read-only. */
  column(tag: string): Float32Array | Float64Array | undefined {
    const column = this.columns.get(tag);
    if (column === undefined || column instanceof Float32Array || column instanceof Float64Array) return column;
    // Integers below 65,535 are exact in a Float32Array, which has NaN for "no value".
    const floats = new Float32Array(this.length);
    for (let i = 0; i < this.length; i++) floats[i] = read(column, i);
    return floats;
  }

  /**
   * The values of `tag` over the requests that have one, in record order, written into the start
   * of `into` when it is long enough (a buffer reused from metric to metric), else a new array.
   */
  values(tag: string, into?: Float64Array): Float64Array {
    const column = this.columns.get(tag);
    if (column === undefined) return new Float64Array(0);
    const none = column instanceof Uint8Array ? NONE_U8 : column instanceof Uint16Array ? NONE_U16 : Number.NaN;
    // "No value" found the same way in every column type: no per-entry type test.
    let count = 0;
    for (let i = 0; i < this.length; i++) {
      const v = column[i] as number;
      if (!Number.isNaN(v) && v !== none) count++;
    }
    const out = into !== undefined && into.length >= count ? into.subarray(0, count) : new Float64Array(count);
    let at = 0;
    for (let i = 0; i < this.length; i++) {
      const v = column[i] as number;
      if (!Number.isNaN(v) && v !== none) out[at++] = v;
    }
    return out;
  }

  at(index: number): Readonly<RecordMetrics> | undefined {
    const i = atIndex(index, this.length);
    return i === undefined ? undefined : this.row(i);
  }

  *[Symbol.iterator](): Iterator<Readonly<RecordMetrics>> {
    for (let i = 0; i < this.length; i++) yield this.row(i);
  }

  private row(i: number): RecordMetrics {
    const row: RecordMetrics = {};
    for (const [tag, column] of this.columns) {
      const value = read(column, i);
      if (!Number.isNaN(value)) row[tag] = value;
    }
    return row;
  }

  /** Bytes held by the columns. */
  get bytes(): number {
    let total = 0;
    for (const column of this.columns.values()) total += column.byteLength;
    return total;
  }
}
