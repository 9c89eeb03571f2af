import { Buffer } from "node:buffer";

/**
 * Strings stored once and referred to by index: a run's repeated turn ids, worker names and error
 * texts cost one string each, not one per record.
 */
export class StringTable {
  private readonly values: string[] = [];
  private readonly indexes = new Map<string, number>();
  /** Each value as a UTF-8 JSON string literal, made on first use (the records export writes them per record). */
  private jsonValues: Buffer[] = [];

  /** The index of `value`, added when new. */
  intern(value: string): number {
    let index = this.indexes.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.indexes.set(value, index);
    }
    return index;
  }

  at(index: number): string {
    return this.values[index] as string;
  }

  /** The value at `index` as `JSON.stringify` writes it, in UTF-8. */
  json(index: number): Buffer {
    let bytes = this.jsonValues[index];
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(this.values[index] as string), "utf8");
      this.jsonValues[index] = bytes;
    }
    return bytes;
  }

  get size(): number {
    return this.values.length;
  }

  /**
   * Rewrites every string through `map` (redaction): records keep their indexes. Two strings that
   * map to the same text stay two entries, which only costs a duplicate.
   */
  rewrite(map: (value: string) => string): void {
    this.indexes.clear();
    this.jsonValues = [];
    for (let i = 0; i < this.values.length; i++) {
      const value = map(this.values[i] as string);
      this.values[i] = value;
      if (!this.indexes.has(value)) this.indexes.set(value, i);
    }
  }
}
