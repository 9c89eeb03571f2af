/**
 * One request as a connection drives it: the bytes to write, then the response's head, body
 * pieces and end (or an error). Every method is called at most in that order, and exactly one of
 * `onComplete` / `onError` ends it.
 */
export interface Exchange {
  /** The whole request (request line, headers, body), written with one `socket.write`. */
  readonly bytes: Buffer;
  readonly signal: AbortSignal | undefined;
  /** How long the response head may take after the write, ns (default: the pool's request timeout). */
  readonly timeoutNs?: number;
  /** Called right before the write. */
  onSent(atNs: number): void;
  /** The head of the final (non-1xx) response. */
  onHead(status: number, contentType: string): void;
  /**
   * Body bytes that arrived at `atNs`. `chunk` is a view of a read buffer that is reused
   * afterwards: copy what you keep. `last`: this chunk ends a Content-Length body (false when
   * unknown). Throwing fails the request (and drops the connection).
   */
  onBody(chunk: Buffer, atNs: number, last: boolean): void;
  onComplete(): void;
  onError(error: Error): void;
  /** What a cancel through `signal` fails it with. */
  cancelReason(): Error;
}
