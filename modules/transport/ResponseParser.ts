import { codedError, protocolError } from "./codedError.js";
import type { Exchange } from "./Exchange.js";

/** Status line plus headers (or trailers) of one response: more is an attack or a broken server. */
const HEAD_LIMIT = 64 * 1024;
/** A chunk-size line, extensions included. */
const CHUNK_LINE_LIMIT = 4096;
const LF = 10;
const CR = 13;

enum State {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  ChunkDataEnd,
  Trailers,
  UntilClose,
  Done,
}

/** The value of a hex digit byte, or -1. */
function hexValue(byte: number): number {
  if (byte >= 48 && byte <= 57) return byte - 48;
  const lower = byte | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Whether the bytes at `from` spell `name`; its lower-case letters also match upper case. */
function named(buf: Buffer, from: number, name: string): boolean {
  for (let k = 0; k < name.length; k++) {
    const byte = buf[from + k] as number;
    const want = name.charCodeAt(k);
    // Equal, or the upper-case form of a lower-case letter.
    if (byte !== want && !(want >= 97 && want <= 122 && byte === want - 32)) return false;
  }
  return true;
}

/** The first LF in `buf[from, end)`, or -1. A JS loop: head lines are short, and a native `indexOf` call costs more than scanning them. */
function indexOfLf(buf: Buffer, from: number, end: number): number {
  for (let i = from; i < end; i++) if (buf[i] === LF) return i;
  return -1;
}

/** The first index in `[from, to)` that is not a space or tab (or `to`). */
function skipSpaces(buf: Buffer, from: number, to: number): number {
  let i = from;
  while (i < to && (buf[i] === 32 || buf[i] === 9)) i++;
  return i;
}

/** The value of a header that is one plain number (spaces around allowed, at most 15 digits), else -1. */
function digitsValue(buf: Buffer, from: number, to: number): number {
  let i = skipSpaces(buf, from, to);
  let end = to;
  while (end > i && (buf[end - 1] === 32 || buf[end - 1] === 9)) end--;
  if (end === i || end - i > 15) return -1;
  let value = 0;
  for (; i < end; i++) {
    const digit = (buf[i] as number) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Incremental HTTP/1.1 response parser: status line, headers, then a body framed by
 * Content-Length, chunked transfer-encoding or the connection's close (RFC 9112 §6.3). Bytes are
 * fed as they arrive, split anywhere; body bytes go to the exchange as views of the read buffer,
 * with no copy. It reads only what the transport needs (status, framing, `Connection`,
 * `Content-Type`); 1xx responses are skipped, 101 is refused. Work is linear in the bytes received.
 */
export class ResponseParser {
  private sink: Exchange | undefined;
  private state = State.Head;
  /** Pieces of a head or trailer line that straddles reads (copied: read buffers are reused). */
  private lineParts: Buffer[] = [];
  private headBytes = 0;
  private sawStatus = false;
  private status = 0;
  private http10 = false;
  private contentLength = -1;
  private chunked = false;
  private otherEncoding = false;
  private connectionClose = false;
  private connectionKeepAlive = false;
  private contentType = "";
  /** Body bytes left in the Content-Length body or the current chunk. */
  private remaining = 0;
  private chunkSize = 0;
  private chunkDigits = 0;
  private chunkLine = 0;
  private chunkExtension = false;
  private chunkCr = false;
  /** Whether the connection may carry another request once this response has ended. */
  keepAlive = false;

  /** Starts a new response for `sink`. */
  reset(sink: Exchange): void {
    this.sink = sink;
    this.state = State.Head;
    this.startHead();
  }

  /** True once the final response's head has been read. */
  get headDone(): boolean {
    return this.state !== State.Head;
  }

  /**
   * Parses `buf[start, end)`. Returns the offset just past the end of the response, or -1 when
   * it needs more bytes. Throws a coded error for a response that is not HTTP/1.1.
   */
  execute(buf: Buffer, start: number, end: number, atNs: number): number {
    let i = start;
    while (i < end) {
      switch (this.state) {
        case State.Head:
        case State.Trailers:
          i = this.readLines(buf, i, end);
          break;
        case State.Length:
        case State.ChunkData: {
          const n = Math.min(this.remaining, end - i);
          this.remaining -= n;
          (this.sink as Exchange).onBody(buf.subarray(i, i + n), atNs, this.remaining === 0 && this.state === State.Length);
          i += n;
          if (this.remaining === 0) this.state = this.state === State.Length ? State.Done : State.ChunkDataEnd;
          break;
        }
        case State.ChunkSize:
          i = this.readChunkSize(buf, i, end);
          break;
        case State.ChunkDataEnd:
          i = this.readChunkDataEnd(buf, i);
          break;
        case State.UntilClose:
          (this.sink as Exchange).onBody(buf.subarray(i, end), atNs, false);
          i = end;
          break;
        case State.Done:
          return i;
      }
    }
    return this.state === State.Done ? i : -1;
  }

  /** The server closed the connection: true when that ends the response (a close-delimited body). */
  endsOnClose(): boolean {
    if (this.state !== State.UntilClose) return false;
    this.state = State.Done;
    return true;
  }

  private startHead(): void {
    this.lineParts.length = 0;
    this.headBytes = 0;
    this.sawStatus = false;
    this.status = 0;
    this.http10 = false;
    this.contentLength = -1;
    this.chunked = false;
    this.otherEncoding = false;
    this.connectionClose = false;
    this.connectionKeepAlive = false;
    this.contentType = "";
    this.keepAlive = false;
  }

  /** Reads head or trailer lines from `i`; returns where it stopped (a state change or the end). */
  private readLines(buf: Buffer, start: number, end: number): number {
    let i = start;
    const state = this.state;
    while (i < end && this.state === state) {
      const lf = indexOfLf(buf, i, end);
      const stop = lf === -1 ? end : lf;
      this.headBytes += stop - i + 1;
      if (this.headBytes > HEAD_LIMIT) throw protocolError("HPE_HEADER_OVERFLOW", "Header overflow");
      if (stop === end) {
        this.lineParts.push(Buffer.from(buf.subarray(i, end)));
        return end;
      }
      // Lines are read as bytes where they lie; only a line split across reads is joined first.
      let line = buf;
      let from = i;
      let to = stop;
      if (this.lineParts.length > 0) {
        this.lineParts.push(buf.subarray(i, stop));
        line = Buffer.concat(this.lineParts);
        this.lineParts.length = 0;
        from = 0;
        to = line.length;
      }
      if (to > from && line[to - 1] === CR) to--;
      i = lf + 1;
      if (state === State.Trailers) {
        if (to === from) this.state = State.Done;
      } else this.headLine(line, from, to);
    }
    return i;
  }

  private headLine(line: Buffer, from: number, to: number): void {
    if (!this.sawStatus) {
      // Blank lines before a status line are tolerated (RFC 9112 §2.2).
      if (to > from) this.statusLine(line, from, to);
      return;
    }
    if (to === from) this.endHead();
    else this.header(line, from, to);
  }

  /** `HTTP/1.x NNN[ reason]`, checked byte by byte. */
  private statusLine(line: Buffer, from: number, to: number): void {
    if (to - from < 5 || !named(line, from, "HTTP/")) throw protocolError("HPE_INVALID_CONSTANT", "Expected HTTP/");
    const minor = line[from + 7] as number;
    const [d1, d2, d3] = [(line[from + 9] as number) - 48, (line[from + 10] as number) - 48, (line[from + 11] as number) - 48];
    const valid =
      to - from >= 12 &&
      line[from + 5] === 49 &&
      line[from + 6] === 46 &&
      (minor === 48 || minor === 49) &&
      line[from + 8] === 32 &&
      d1 >= 0 &&
      d1 <= 9 &&
      d2 >= 0 &&
      d2 <= 9 &&
      d3 >= 0 &&
      d3 <= 9 &&
      (to - from === 12 || line[from + 12] === 32);
    if (!valid) throw protocolError("HPE_INVALID_STATUS", "Invalid status line");
    this.sawStatus = true;
    this.http10 = minor === 48;
    this.status = d1 * 100 + d2 * 10 + d3;
  }

  private header(line: Buffer, from: number, to: number): void {
    const first = line[from];
    // An obsolete folded continuation line: none of the headers read here may be folded.
    if (first === 32 || first === 9) return;
    let colon = from;
    while (colon < to && line[colon] !== 58) colon++;
    if (colon === from || colon === to) throw protocolError("HPE_INVALID_HEADER_TOKEN", "Invalid header token");
    // Only four names matter: the name's length and bytes decide, no string for the others.
    const length = colon - from;
    if (length === 14 && named(line, from, "content-length")) {
      const digits = digitsValue(line, colon + 1, to);
      if (digits >= 0 && (this.contentLength === -1 || this.contentLength === digits)) this.contentLength = digits;
      else this.setContentLength(line.toString("latin1", colon + 1, to).trim());
    } else if (length === 17 && named(line, from, "transfer-encoding")) {
      const codings = line
        .toString("latin1", colon + 1, to)
        .toLowerCase()
        .split(",");
      this.chunked = (codings[codings.length - 1] as string).trim() === "chunked";
      this.otherEncoding = !this.chunked;
    } else if (length === 10 && named(line, from, "connection")) {
      const value = skipSpaces(line, colon + 1, to);
      // The usual values, without a string; anything else (lists, odd spacing) is read as text.
      if (to - value === 10 && named(line, value, "keep-alive")) this.connectionKeepAlive = true;
      else if (to - value === 5 && named(line, value, "close")) this.connectionClose = true;
      else this.connectionTokens(line.toString("latin1", colon + 1, to));
    } else if (length === 12 && named(line, from, "content-type")) this.contentType = line.toString("latin1", colon + 1, to).trim();
  }

  /** `Connection` values other than a lone `keep-alive` or `close`: a comma-separated list. */
  private connectionTokens(value: string): void {
    for (const token of value.toLowerCase().split(",")) {
      const t = token.trim();
      if (t === "close") this.connectionClose = true;
      else if (t === "keep-alive") this.connectionKeepAlive = true;
    }
  }

  private setContentLength(value: string): void {
    // "5, 5" (a list of equal values) is one length; differing or malformed ones are refused.
    for (const part of value.split(",")) {
      const text = part.trim();
      if (!/^\d{1,15}$/.test(text)) throw protocolError("HPE_INVALID_CONTENT_LENGTH", "Invalid character in Content-Length");
      const length = Number(text);
      if (this.contentLength !== -1 && this.contentLength !== length) throw protocolError("HPE_UNEXPECTED_CONTENT_LENGTH", "Duplicate Content-Length");
      this.contentLength = length;
    }
  }

  private endHead(): void {
    const status = this.status;
    if (status === 101) throw codedError("UND_ERR_UPGRADE", "the server upgraded the connection");
    if (status >= 100 && status < 200) {
      // 100 Continue and other interim responses: the final response follows on the same bytes.
      this.startHead();
      return;
    }
    const sink = this.sink as Exchange;
    sink.onHead(status, this.contentType);
    if (status === 204 || status === 304) this.state = State.Done;
    else if (this.chunked) this.state = State.ChunkSize;
    else if (this.otherEncoding) this.state = State.UntilClose;
    else if (this.contentLength >= 0) {
      this.remaining = this.contentLength;
      this.state = this.remaining === 0 ? State.Done : State.Length;
    } else this.state = State.UntilClose;
    this.chunkSize = 0;
    this.chunkDigits = 0;
    this.chunkLine = 0;
    this.chunkExtension = false;
    this.chunkCr = false;
    this.keepAlive = this.state !== State.UntilClose && !this.connectionClose && (!this.http10 || this.connectionKeepAlive);
  }

  private readChunkSize(buf: Buffer, start: number, end: number): number {
    for (let i = start; i < end; i++) {
      const byte = buf[i] as number;
      if (++this.chunkLine > CHUNK_LINE_LIMIT) throw protocolError("HPE_INVALID_CHUNK_SIZE", "Chunk size line too long");
      if (byte === LF) {
        if (this.chunkDigits === 0) throw protocolError("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size");
        this.remaining = this.chunkSize;
        this.state = this.chunkSize === 0 ? State.Trailers : State.ChunkData;
        this.headBytes = 0;
        this.chunkSize = 0;
        this.chunkDigits = 0;
        this.chunkLine = 0;
        this.chunkExtension = false;
        return i + 1;
      }
      if (this.chunkExtension || byte === CR) continue;
      const digit = hexValue(byte);
      if (digit >= 0) {
        // 13 hex digits: 2^52 bytes, beyond any body; more would lose precision.
        if (++this.chunkDigits > 13) throw protocolError("HPE_INVALID_CHUNK_SIZE", "Chunk size too large");
        this.chunkSize = this.chunkSize * 16 + digit;
      } else if (byte === 59 || byte === 32 || byte === 9) this.chunkExtension = true;
      else throw protocolError("HPE_INVALID_CHUNK_SIZE", "Invalid character in chunk size");
    }
    return end;
  }

  private readChunkDataEnd(buf: Buffer, i: number): number {
    const byte = buf[i] as number;
    if (byte === CR && !this.chunkCr) this.chunkCr = true;
    else if (byte === LF) {
      this.chunkCr = false;
      this.state = State.ChunkSize;
    } else throw protocolError("HPE_STRICT", "Expected LF after chunk data");
    return i + 1;
  }
}
