/**
 * Incremental Server-Sent Events parser: feed it decoded text as it arrives; it calls `onData`
 * with each event's `data` (multi-line data joined by "\n"). Comments and other fields are ignored.
 * Work is linear in the bytes received: each push scans only the new text (plus one character),
 * so one huge event arriving in many chunks costs no more than many small ones.
 */
export class SseParser {
  /**
   * Text of the event being received. Appending makes a V8 rope (no copy); it is flattened once,
   * when the event ends, so a huge event in many chunks stays linear.
   */
  private held = "";
  /** A "\r" that ended the last chunk: a line end whose "\n" may still follow. */
  private carriageReturn = false;
  private started = false;
  /** Events that carried data. */
  events = 0;
  /** Characters held for the event still being received. */
  buffered = 0;

  constructor(private readonly onData: (data: string) => void) {}

  push(text: string): void {
    const piece = this.normalize(text);
    if (piece.length === 0) return;
    let start = 0;
    // The one straddling case: the previous chunk ended with "\n" and this one starts with "\n".
    if (this.held.charCodeAt(this.held.length - 1) === 10 && piece.charCodeAt(0) === 10) {
      this.endEvent(this.take().slice(0, -1));
      start = 1;
    }
    for (;;) {
      const end = piece.indexOf("\n\n", start);
      if (end === -1) break;
      // The usual event, whole in this piece, one `data: ` line: its data sliced out directly.
      if (this.held.length === 0 && startsWithData(piece, start) && piece.indexOf("\n", start) === end) {
        this.events++;
        this.onData(piece.slice(start + 6, end));
      } else this.endEvent(this.take() + piece.slice(start, end));
      start = end + 2;
    }
    if (start < piece.length) {
      this.held += start === 0 ? piece : piece.slice(start);
      this.buffered += piece.length - start;
    }
  }

  /** Strips a leading byte-order mark and turns CRLF and CR line ends into "\n", across chunks. */
  private normalize(text: string): string {
    let piece = text;
    if (!this.started && piece.length > 0) {
      this.started = true;
      // A byte-order mark before the first field would otherwise hide the first event.
      if (piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
    }
    if (this.carriageReturn) {
      piece = `\r${piece}`;
      this.carriageReturn = false;
    }
    if (piece.includes("\r")) {
      if (piece.endsWith("\r")) {
        this.carriageReturn = true;
        piece = piece.slice(0, -1);
      }
      piece = piece.replace(/\r\n?/g, "\n");
    }
    return piece;
  }

  private take(): string {
    const text = this.held;
    this.held = "";
    this.buffered = 0;
    return text;
  }

  /** Text left over that never completed an event (a stream cut mid-event). */
  get pending(): string {
    return this.carriageReturn ? `${this.held}\r` : this.held;
  }

  private endEvent(block: string): void {
    // Fast path: the usual one-line `data: …` event.
    if (block.startsWith("data: ") && block.indexOf("\n") === -1) {
      this.events++;
      this.onData(block.slice(6));
      return;
    }
    let data: string | undefined;
    for (const line of block.split("\n")) {
      if (line.startsWith("data:")) {
        const value = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
        data = data === undefined ? value : `${data}\n${value}`;
      }
    }
    if (data === undefined) return;
    this.events++;
    this.onData(data);
  }
}

/** `text` has "data: " at `at` (compared by code, no substring made). */
function startsWithData(text: string, at: number): boolean {
  return (
    text.charCodeAt(at) === 100 &&
    text.charCodeAt(at + 1) === 97 &&
    text.charCodeAt(at + 2) === 116 &&
    text.charCodeAt(at + 3) === 97 &&
    text.charCodeAt(at + 4) === 58 &&
    text.charCodeAt(at + 5) === 32
  );
}

/** True when a response body starts like an event stream (servers that omit `text/event-stream`). */
export function looksLikeEventStream(text: string): boolean {
  return /^\uFEFF?\s*(data|event|id|retry)?:/.test(text);
}
