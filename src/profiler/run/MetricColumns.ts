import type { RecordMetrics } from "../model/MetricResult.js";
import type { RecordMetricsList } from "../model/RecordMetricsList.js";

/**
 * Per-request metric values as one column per tag over all records, NaN where a request has no
 * value. A column is allocated when its metric first has a value, as a Float32Array while every
 * value fits one exactly (token counts, small integers) and as a Float64Array from the first that
 * does not: half the memory where exactness allows, never a rounded value.
 */
export class MetricColumns implements RecordMetricsList {
  private readonly columns = new Map<string, Float32Array | Float64Array>();

  constructor(readonly length: number) {}

  set(index: number, tag: string, value: number): void {
    let column = this.columns.get(tag);
    if (column === undefined) {
      column = new Float32Array(this.length).fill(Number.NaN);
      this.columns.set(tag, column);
    }
    column[index] = value;
    if (column instanceof Float32Array && !Object.is(column[index], value)) {
      const wide = Float64Array.from(column);
      wide[index] = value;
      this.columns.set(tag, wide);
    }
  }

  /** The column of `tag` (NaN: no value), undefined when no request has one. Read-only. */
  column(tag: string): Float32Array | Float64Array | undefined {
    return this.columns.get(tag);
  }

  at(index: number): Readonly<RecordMetrics> | undefined {
    if (!Number.isInteger(index)) return undefined;
    const i = index < 0 ? index + this.length : index;
    if (i < 0 || i >= this.length) return undefined;
    return this.row(i);
  }

  *[Symbol.iterator](): Iterator<Readonly<RecordMetrics>> {
    for (let i = 0; i < this.length; i++) yield this.row(i);
  }

  private row(i: number): RecordMetrics {
    const row: RecordMetrics = {};
    for (const [tag, column] of this.columns) {
      const value = column[i] as number;
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
