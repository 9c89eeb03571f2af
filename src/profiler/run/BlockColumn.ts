/** Entries per block: a power of two, so an index splits into block and slot with a shift and a mask. */
const SHIFT = 14;
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

type TypedArray = Float64Array | Float32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * One column of numbers in fixed-size typed-array blocks. A block is allocated on its first
 * write, so a column nobody writes (an optional field no record has) costs nothing and growing
 * never copies. A value the array type cannot hold exactly (a fraction in a Uint32 column, a
 * negative count) is kept in a side map, so every value reads back as written.
 */
export class BlockColumn {
  private readonly blocks: (TypedArray | undefined)[] = [];
  private readonly exceptions = new Map<number, number>();

  constructor(private readonly Type: new (length: number) => TypedArray) {}

  set(index: number, value: number): void {
    const b = index >>> SHIFT;
    while (this.blocks.length <= b) this.blocks.push(undefined);
    let block = this.blocks[b];
    if (block === undefined) {
      block = new this.Type(BLOCK);
      this.blocks[b] = block;
    }
    block[index & MASK] = value;
    // Read back: Object.is also tells -0 from 0 and keeps NaN.
    if (!Object.is(block[index & MASK], value)) this.exceptions.set(index, value);
    else if (this.exceptions.size > 0) this.exceptions.delete(index);
  }

  /** The value written at `index` (0 where nothing was). */
  get(index: number): number {
    if (this.exceptions.size > 0) {
      const exception = this.exceptions.get(index);
      if (exception !== undefined) return exception;
    }
    return this.blocks[index >>> SHIFT]?.[index & MASK] ?? 0;
  }

  /** Bytes held by the blocks allocated so far. */
  get bytes(): number {
    let total = 0;
    for (const block of this.blocks) total += block?.byteLength ?? 0;
    return total;
  }
}
