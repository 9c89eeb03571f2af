import { closeSync, openSync, readSync, unlinkSync, write } from "node:fs";
import path from "node:path";
import { removeOnExit } from "../../kernel/util/removeOnExit.js";
import type { Block } from "./BlockColumn.js";

/** Blocks read back and kept, most recent last: a pass over the records reads them in order. */
const CACHED = 4;

/** Closes a file whose owner became garbage (records an embedding host dropped without closing). */
const closeWhenCollected = new FinalizationRegistry<{ fd: number; name: string | undefined }>((held) => {
  closeQuietly(held.fd, held.name);
});

function closeQuietly(fd: number, name: string | undefined): void {
  try {
    closeSync(fd);
  } catch {}
  if (name === undefined) return;
  try {
    unlinkSync(name);
  } catch {}
}

/**
 * Full blocks of an append-only column, moved out of memory into a file in the run's folder as
 * the run goes: a million 20-token streams keep 80 MB of token gaps, 200-token streams 800 MB.
 * The file is unlinked as soon as it is open (POSIX keeps its data until it is closed), so a run
 * that is killed leaves nothing behind. Writes go through the thread pool: a disk that stalls
 * never stalls the requests' event loop, and a block stays in memory (and is read from there)
 * until its write has landed. A write that fails (a full disk) leaves its block in memory and
 * stops further writes: memory is the fallback, never a lost value, and `onError` hears why once.
 * Reads (at the end of the run) are synchronous, through a small cache of blocks.
 */
export class BlockFile {
  private fd: number | undefined;
  /** Set when writing failed or the file could not be made: blocks stay in memory. */
  private failed = false;
  private end = 0;
  private closed = false;
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly widths: number[] = [];
  /** Block numbers of the cached blocks, and their arrays (over buffers reused when evicted). */
  private readonly cachedNumbers: number[] = [];
  private readonly cachedBlocks: Block[] = [];
  /** Writes not yet landed, and who waits for them. */
  private writing = 0;
  private waiting: (() => void)[] = [];
  /** Name of a file that could not be unlinked while open (not POSIX): removed on close. */
  private leftName: string | undefined;
  private keepOnExit: (() => void) | undefined;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    /** Told once, when the file cannot be made or written (the blocks then stay in memory). */
    private readonly onError?: (message: string) => void,
  ) {}

  /** False once a write has failed: callers keep their blocks. */
  get writable(): boolean {
    return !this.failed;
  }

  /**
   * Writes `block` as block number `b`; calls `onWritten` once it is on disk (then the caller may
   * drop its copy, which it must not change meanwhile). Nothing happens when writing has failed.
   */
  store(b: number, block: Block, onWritten: () => void): void {
    if (this.failed) return;
    const fd = this.open();
    if (fd === undefined) return;
    const offset = this.end;
    this.end += block.byteLength;
    const bytes = new Uint8Array(block.buffer, block.byteOffset, block.byteLength);
    this.writing++;
    write(fd, bytes, 0, bytes.length, offset, (error, written) => {
      if (error !== null || written !== bytes.length) this.fail(`writing ${bytes.length} bytes failed: ${error?.message ?? `${written} written`}`);
      else if (!this.closed) {
        this.offsets[b] = offset;
        this.lengths[b] = bytes.length;
        this.widths[b] = block.BYTES_PER_ELEMENT;
        onWritten();
      }
      // Waiters go first: a close put off until now releases the file after this last write.
      if (--this.writing === 0) for (const resolve of this.waiting.splice(0)) resolve();
    });
  }

  /** Resolves once every write started so far has landed (or failed). */
  written(): Promise<void> {
    return this.writing === 0 ? Promise.resolve() : new Promise((resolve) => this.waiting.push(resolve));
  }

  /**
   * Block number `b` as written, or `undefined` if it never was. The array is valid until the
   * next `load` (its memory is reused for a block read later).
   */
  load(b: number): Block | undefined {
    if (this.closed) {
      if (this.widths[b] === undefined) return undefined;
      throw new Error("token times were read after their records were closed");
    }
    // Reads go in order: the block asked for is nearly always the one read last.
    if (this.cachedNumbers[this.cachedNumbers.length - 1] === b) return this.cachedBlocks[this.cachedBlocks.length - 1];
    const at = this.cachedNumbers.indexOf(b);
    if (at !== -1) return this.cachedBlocks[at];
    const width = this.widths[b];
    if (width === undefined) return undefined;
    const block = this.readBlock(b, width, this.lengths[b] as number);
    this.cachedNumbers.push(b);
    this.cachedBlocks.push(block);
    return block;
  }

  /**
   * Closes (and, where it was not unlinked while open, removes) the file once the writes under
   * way have landed (closing under them would let them land in whatever file gets the descriptor
   * next); nothing is written or read afterwards.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.failed = true;
    this.cachedNumbers.length = 0;
    this.cachedBlocks.length = 0;
    if (this.writing > 0) this.waiting.push(() => this.release());
    else this.release();
  }

  private release(): void {
    if (this.fd === undefined) return;
    closeWhenCollected.unregister(this);
    closeQuietly(this.fd, this.leftName);
    this.keepOnExit?.();
    this.fd = undefined;
  }

  private fail(message: string): void {
    if (!this.failed) this.onError?.(`token times stay in memory: ${message}`);
    this.failed = true;
  }

  private readBlock(b: number, width: number, length: number): Block {
    // Reuse the oldest cached block's memory: a pass over a million streams reads ~1,200 blocks.
    const oldest = this.cachedBlocks.length >= CACHED ? this.evictOldest() : undefined;
    const reused = oldest !== undefined && oldest.byteLength >= length ? oldest : new ArrayBuffer((length / width) * 8);
    const bytes = new Uint8Array(reused, 0, length);
    const read = readSync(this.fd as number, bytes, 0, bytes.length, this.offsets[b] as number);
    if (read !== bytes.length) throw new Error(`token times: block ${b} of ${this.name} read back short (${read} of ${bytes.length} bytes)`);
    const entries = length / width;
    return width === 1
      ? bytes
      : width === 2
        ? new Uint16Array(reused, 0, entries)
        : width === 4
          ? new Uint32Array(reused, 0, entries)
          : new Float64Array(reused, 0, entries);
  }

  private evictOldest(): ArrayBuffer {
    this.cachedNumbers.shift();
    return (this.cachedBlocks.shift() as Block).buffer as ArrayBuffer;
  }

  private open(): number | undefined {
    if (this.fd !== undefined || this.failed) return this.fd;
    const file = path.join(this.dir, `.${this.name}-${process.pid}-${Date.now().toString(36)}.tmp`);
    try {
      this.fd = openSync(file, "wx+", 0o600);
    } catch (error) {
      this.fail(`no temporary file in ${this.dir}: ${(error as Error).message}`);
      return undefined;
    }
    try {
      unlinkSync(file);
    } catch {
      // Not POSIX: the file is removed on close, or when the process exits before that.
      this.leftName = file;
      this.keepOnExit = removeOnExit(file);
    }
    closeWhenCollected.register(this, { fd: this.fd, name: this.leftName }, this);
    return this.fd;
  }
}
