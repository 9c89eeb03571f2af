type Frames = (Buffer | string)[];

/** What a writer needs of a `zeromq` socket. */
export interface FrameSink {
  send(frames: Frames): Promise<void>;
}

/**
 * Serializes sends on one socket: a `zeromq` v6 socket refuses a second `send` while one is
 * pending, and services send from many callbacks at once. Frames queue in order (also while the
 * socket is still being bound or connected); a failed send (the socket closed under it) drops the
 * rest, since nothing would deliver them.
 */
export class FrameWriter {
  private readonly queue: Frames[] = [];
  private writing: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly socket: Promise<FrameSink>) {}

  write(frames: Frames): void {
    if (this.closed) return;
    this.queue.push(frames);
    this.writing ??= this.drain();
  }

  /** Resolves once everything queued so far has been handed to ZeroMQ. */
  async flushed(): Promise<void> {
    while (this.writing) await this.writing;
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private async drain(): Promise<void> {
    try {
      const socket = await this.socket;
      for (let frames = this.queue.shift(); frames && !this.closed; frames = this.queue.shift()) await socket.send(frames);
    } catch {
      this.close();
    } finally {
      this.writing = undefined;
    }
  }
}
