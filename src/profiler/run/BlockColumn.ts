/** Entries per block: a power of two, so an index splits into block and slot with a shift and a mask. */
const SHIFT = 14;
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

type Block = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** Bytes per entry an unsigned integer needs (1, 2 or 4), 0 when it is no 32-bit unsigned integer. */
function uintWidth(value: number): number {
  if (!Object.is(value >>> 0, value)) return 0;
  return value < 0x100 ? 1 : value < 0x10000 ? 2 : 4;
}

function uintBlock(width: number, from?: Block): Block {
  const Type = width === 1 ? Uint8Array : width === 2 ? Uint16Array : Uint32Array;
  return from === undefined ? new Type(BLOCK) : Type.from(from);
}

/**
 * One column of numbers in fixed-size typed-array blocks. A block is allocated on its first
 * write, so a column nobody writes (an optional field no record has) costs nothing and growing
 * never copies the column. A `"uint"` column's block starts as bytes and widens (Uint16, Uint32,
 * one block copied) on the first value that needs it: token counts of 10 cost 1 byte. A value the
 * block cannot hold exactly (a fraction or a negative count in a `"uint"` column, NaN) is kept in
 * a side map, so every value reads back as written.
 */
export class BlockColumn {
  private readonly blocks: (Block | undefined)[] = [];
  private readonly exceptions = new Map<number, number>();
  /** Set once a value went to `exceptions`: a plain field read per `get` instead of the Map's size. */
  private hasExceptions = false;

  constructor(private readonly kind: "float64" | "uint") {}

  set(index: number, value: number): void {
    const b = index >>> SHIFT;
    while (this.blocks.length <= b) this.blocks.push(undefined);
    let block = this.blocks[b];
    let exact: boolean;
    if (this.kind === "float64") {
      block ??= new Float64Array(BLOCK);
      // A Float64Array holds every number exactly, NaN and -0 included.
      block[index & MASK] = value;
      exact = true;
    } else {
      const width = uintWidth(value);
      exact = width > 0;
      if (exact) {
        if (block === undefined) block = uintBlock(width);
        else if (block.BYTES_PER_ELEMENT < width) block = uintBlock(width, block);
        block[index & MASK] = value;
      }
    }
    this.blocks[b] = block;
    if (!exact) {
      this.exceptions.set(index, value);
      this.hasExceptions = true;
    } else if (this.hasExceptions) this.exceptions.delete(index);
  }

  /** The value written at `index` (0 where nothing was). */
  get(index: number): number {
    if (this.hasExceptions) {
      const exception = this.exceptions.get(index);
      if (exception !== undefined) return exception;
    }
    const block = this.blocks[index >>> SHIFT];
    if (block === undefined) return 0;
    // Two load sites, so the Float64 one sees one array type and stays fast (a million reads per column at the end of a run).
    if (this.kind === "float64") return (block as Float64Array)[index & MASK] as number;
    return block[index & MASK] as number;
  }

  /** Bytes held by the blocks allocated so far. */
  get bytes(): number {
    let total = 0;
    for (const block of this.blocks) total += block?.byteLength ?? 0;
    return total;
  }
}
