/** Entries per block: a power of two, so an index splits into block and slot with a shift and a mask. */
const SHIFT = 14;
const BLOCK = 1 << SHIFT;
const MASK = BLOCK - 1;

import type { BlockFile } from "./BlockFile.js";

/** A block of entries: its array type is its width. */
export type Block = Float64Array | Uint32Array | Uint16Array | Uint8Array;

/** Bytes per entry a value needs: 1, 2 or 4 for a 32-bit unsigned integer, else 8 (a double holds any number exactly). */
function uintWidth(value: number): number {
  if (!Object.is(value >>> 0, value)) return 8;
  return value < 0x100 ? 1 : value < 0x10000 ? 2 : 4;
}

function uintBlock(width: number, from?: Block): Block {
  const Type = width === 1 ? Uint8Array : width === 2 ? Uint16Array : width === 4 ? Uint32Array : Float64Array;
  return from === undefined ? new Type(BLOCK) : Type.from(from);
}

/**
 * One column of numbers in fixed-size typed-array blocks. A block is allocated on its first
 * write, so a column nobody writes (an optional field no record has) costs nothing and growing
 * never copies the column. A `"uint"` column's block starts as bytes and widens (Uint16, Uint32,
 * Float64, one block copied) on the first value that needs it: token counts of 10 cost 1 byte, and
 * a value no unsigned 32-bit integer holds exactly (a gap over 4.29 s in nanoseconds, a fraction,
 * a negative number, NaN, -0) widens only its block of 16,384 to doubles, so every value reads back
 * as written without a side map (whose reads would slow every later `get`).
 */
export class BlockColumn {
  private readonly blocks: (Block | undefined)[] = [];
  /** Where blocks moved out of memory are (`moveOut`). */
  private file: BlockFile | undefined;

  constructor(private readonly kind: "float64" | "uint") {}

  set(index: number, value: number): void {
    const b = index >>> SHIFT;
    while (this.blocks.length <= b) this.blocks.push(undefined);
    let block = this.blocks[b];
    if (this.kind === "float64") {
      // A Float64Array holds every number exactly, NaN and -0 included.
      block ??= new Float64Array(BLOCK);
    } else {
      const width = uintWidth(value);
      if (block === undefined) block = uintBlock(width);
      else if (block.BYTES_PER_ELEMENT < width) block = uintBlock(width, block);
    }
    block[index & MASK] = value;
    this.blocks[b] = block;
  }

  /** The value written at `index` (0 where nothing was). */
  get(index: number): number {
    const block = this.blocks[index >>> SHIFT];
    if (block === undefined) return this.file === undefined ? 0 : this.moved(index);
    // Two load sites, so the Float64 one sees one array type and stays fast (a million reads per column at the end of a run).
    if (this.kind === "float64") return (block as Float64Array)[index & MASK] as number;
    return block[index & MASK] as number;
  }

  /**
   * Moves the block holding `index` to `file`, whose write frees it. Only for a block that is
   * full and never written again (an append-only column); it reads back the same.
   */
  moveOut(index: number, file: BlockFile): void {
    const b = index >>> SHIFT;
    const block = this.blocks[b];
    if (block === undefined || !file.writable) return;
    this.file = file;
    file.store(b, block, () => {
      if (this.blocks[b] === block) this.blocks[b] = undefined;
    });
  }

  /** True when `index` is the last entry of its block. */
  static endsBlock(index: number): boolean {
    return (index & MASK) === MASK;
  }

  /** The first index after the block holding `index`. */
  static blockEnd(index: number): number {
    return index - (index & MASK) + BLOCK;
  }

  /** Where `index` is in its block. */
  static slot(index: number): number {
    return index & MASK;
  }

  /**
   * The block holding `index` (read back from the file if it was moved out), `undefined` where
   * nothing was written: for reading a run of entries without a call per entry.
   */
  blockOf(index: number): Block | undefined {
    const block = this.blocks[index >>> SHIFT];
    return block !== undefined || this.file === undefined ? block : this.file.load(index >>> SHIFT);
  }

  private moved(index: number): number {
    const block = (this.file as BlockFile).load(index >>> SHIFT);
    return block === undefined ? 0 : (block[index & MASK] as number);
  }

  /** Bytes held in memory by the blocks allocated so far. */
  get bytes(): number {
    let total = 0;
    for (const block of this.blocks) total += block?.byteLength ?? 0;
    return total;
  }
}
