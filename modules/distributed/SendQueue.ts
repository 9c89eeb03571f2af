/**
 * Serializes sends on one ZeroMQ socket: zeromq.js allows a single pending `send` per socket,
 * and a send that blocks (a Dealer before it connects) must not reorder what follows it.
 */
export class SendQueue {
  private tail: Promise<void> = Promise.resolve();

  constructor(private readonly sendNow: (frames: Buffer[]) => Promise<void>) {}

  /** Queues `frames`; `onFailure` hears why they could not be sent (the peer is gone, the socket closed). */
  push(frames: Buffer[], onFailure?: (error: unknown) => void): void {
    this.tail = this.tail.then(() => this.sendNow(frames)).catch((error: unknown) => onFailure?.(error));
  }

  /** Resolves once everything queued so far has been handed to the socket (or failed). */
  drained(): Promise<void> {
    return this.tail;
  }
}
