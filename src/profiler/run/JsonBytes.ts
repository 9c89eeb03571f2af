import { Buffer } from "node:buffer";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;
const ZERO = 48;
const MINUS = 45;
const DOT = 46;

/** Below this a double's spacing is finer than half a millionth (the limit is 2^33; kept at 2^32 to leave a margin). */
const DECIMAL_LIMIT = 2 ** 32;

/**
 * JSON text written as bytes into a growing buffer: ASCII pieces, pre-encoded pieces and numbers
 * (digits written directly for safe integers and for numbers of at most six decimals, such as
 * milliseconds from whole nanoseconds), so a large export builds no string per value.
 * `take()` hands the bytes written so far to the caller and starts a fresh buffer.
 * @public
 */
export class JsonBytes {
  private buf: Buffer;
  private pos = 0;

  constructor(private readonly capacity: number) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.pos;
  }

  /** Bytes already encoded (a cached key or string literal). */
  bytes(piece: Uint8Array): void {
    const n = piece.length;
    this.ensure(n);
    // A key or a short string: a loop costs less than a typed-array copy call.
    if (n > 32) this.buf.set(piece, this.pos);
    else for (let k = 0; k < n; k++) this.buf[this.pos + k] = piece[k] as number;
    this.pos += n;
  }

  /** A one-byte character code. */
  byte(code: number): void {
    this.ensure(1);
    this.buf[this.pos++] = code;
  }

  /** A number as `JSON.stringify` writes it (`null` for NaN and the infinities). */
  number(value: number): void {
    if (Number.isInteger(value) && value <= MAX_SAFE && value >= -MAX_SAFE) this.integer(value);
    else if (!this.decimal(value)) this.ascii(Number.isFinite(value) ? `${value}` : "null");
  }

  /**
   * Writes `value` when it is some whole number of millionths below 2^32: the decimal
   * `m / 10^6` rounds to it, and any other decimal of six places or fewer lies at least a
   * millionth away, more than half a double's spacing there, so that decimal is the shortest
   * text that reads back as `value`: what `JSON.stringify` writes. False (nothing written) otherwise.
   */
  private decimal(value: number): boolean {
    const size = value < 0 ? -value : value;
    if (!(size < DECIMAL_LIMIT)) return false;
    const millionths = Math.round(size * 1e6);
    if (millionths / 1e6 !== size) return false;
    const whole = Math.floor(millionths / 1e6);
    let fraction = millionths - whole * 1e6;
    let places = 6;
    while (fraction % 10 === 0) {
      fraction /= 10;
      places--;
    }
    this.ensure(24);
    if (value < 0) this.buf[this.pos++] = MINUS;
    this.integer(whole);
    this.buf[this.pos++] = DOT;
    this.digits(fraction, places);
    return true;
  }

  /**
   * The integer `billions · 10^9 + rest` in full digits, beyond 2^53 too (epoch nanoseconds, which
   * a number would round to 256 ns): `billions` a non-negative safe integer, `rest` an integer in
   * `[0, 10^9)`.
   */
  wideInteger(billions: number, rest: number): void {
    if (billions === 0) {
      this.integer(rest);
      return;
    }
    this.integer(billions);
    this.ensure(9);
    const high = Math.floor(rest / 1e8);
    this.digits(high, 1);
    this.digits(rest - high * 1e8, 8);
  }

  /** Text known to be ASCII. */
  ascii(text: string): void {
    this.ensure(text.length);
    this.pos += this.buf.write(text, this.pos, "latin1");
  }

  /** The bytes written so far; the writer continues in a new buffer. */
  take(): Buffer {
    const out = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(this.capacity);
    this.pos = 0;
    return out;
  }

  private integer(value: number): void {
    this.ensure(17);
    let v = value;
    if (v < 0) {
      this.buf[this.pos++] = MINUS;
      v = -v;
    }
    if (v < 1e8) {
      this.digits(v, 0);
      return;
    }
    // A safe integer is below 1e16: two parts below 1e8, each written with 32-bit integer steps.
    let high = Math.floor(v / 1e8);
    let low = v - high * 1e8;
    if (low < 0) {
      high--;
      low += 1e8;
    }
    this.digits(high, 0);
    this.digits(low, 8);
  }

  /** A non-negative integer below 1e8, zero-padded to `width` digits. */
  private digits(value: number, width: number): void {
    let v = value | 0;
    let count = 1;
    for (let p = 10; p <= v; p *= 10) count++;
    if (count < width) count = width;
    const buf = this.buf;
    let at = this.pos + count;
    this.pos = at;
    for (let k = 0; k < count; k++) {
      const rest = (v / 10) | 0;
      buf[--at] = ZERO + v - rest * 10;
      v = rest;
    }
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(grown, 0, 0, this.pos);
    this.buf = grown;
  }
}
