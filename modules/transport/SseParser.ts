/**
 * Incremental Server-Sent Events parser: feed it decoded text as it arrives; it calls `onData`
 * with each event's `data` (multi-line data joined by "\n"). Comments and other fields are ignored.
 */
export class SseParser {
  private buffer = "";

  constructor(private readonly onData: (data: string) => void) {}

  push(text: string): void {
    this.buffer += text;
    if (this.buffer.includes("\r")) {
      // CRLF or CR line ends: normalize, but keep a trailing "\r" until we know whether "\n" follows.
      const tail = this.buffer.endsWith("\r") ? "\r" : "";
      this.buffer = this.buffer.slice(0, this.buffer.length - tail.length).replace(/\r\n?/g, "\n") + tail;
    }
    let start = 0;
    for (;;) {
      const end = this.buffer.indexOf("\n\n", start);
      if (end === -1) break;
      this.event(this.buffer.slice(start, end));
      start = end + 2;
    }
    if (start > 0) this.buffer = this.buffer.slice(start);
  }

  /** Text left over that never completed an event (a stream cut mid-event). */
  get pending(): string {
    return this.buffer;
  }

  private event(block: string): void {
    // Fast path: the usual one-line `data: …` event.
    if (block.startsWith("data: ") && block.indexOf("\n") === -1) {
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
    if (data !== undefined) this.onData(data);
  }
}
