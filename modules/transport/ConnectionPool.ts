import { monotonicNs } from "aiperf";
import { codedError } from "./codedError.js";
import type { Exchange } from "./Exchange.js";
import { type ConnectionOwner, type ConnectionTarget, HttpConnection } from "./HttpConnection.js";

/**
 * How often the deadline sweep runs: a tenth of the shortest timeout, between 10 ms and 1 s. A
 * timeout therefore fires between its deadline and one interval later.
 */
export function sweepIntervalMs(connectTimeoutMs: number, requestTimeoutMs: number): number {
  return Math.min(1000, Math.max(10, Math.floor(Math.min(connectTimeoutMs, requestTimeoutMs) / 10)));
}

/**
 * At most `size` keep-alive connections, opened on demand, one request each at a time; requests
 * beyond that wait in a FIFO queue. Idle connections are reused last-in first-out (the warmest
 * first). One interval timer per pool checks every connection's deadline instead of a timer per
 * request (a sweep that runs late skips its verdict once). A connection found closed before its
 * request was written is skipped (the request goes to another); once written, a request that
 * loses its connection fails.
 */
export class ConnectionPool implements ConnectionOwner {
  private readonly all = new Set<HttpConnection>();
  private readonly idle: HttpConnection[] = [];
  private queue: (Exchange | undefined)[] = [];
  private queueHead = 0;
  private readonly sweep: NodeJS.Timeout;
  private readonly intervalNs: number;
  private lastSweepNs = monotonicNs();
  private closed = false;

  constructor(
    private readonly target: ConnectionTarget,
    private readonly size: number,
    intervalMs: number,
  ) {
    this.intervalNs = intervalMs * 1e6;
    this.sweep = setInterval(() => this.checkDeadlines(), intervalMs);
    this.sweep.unref();
  }

  /** Sends `exchange` on a free connection, a new one, or once one frees up. */
  dispatch(exchange: Exchange): void {
    if (this.closed) {
      exchange.onError(codedError("UND_ERR_CLOSED", "the pool is closed"));
      return;
    }
    const connection = this.takeIdle();
    if (connection !== undefined) connection.send(exchange);
    else if (this.all.size < this.size) this.open(exchange);
    else this.queue.push(exchange);
  }

  private open(first: Exchange | undefined): void {
    this.all.add(new HttpConnection(this.target, this, first));
  }

  private takeIdle(): HttpConnection | undefined {
    for (;;) {
      const connection = this.idle.pop();
      if (connection === undefined || connection.usable) return connection;
      // Closed while idle (the server's keep-alive timeout): nothing was written, so skip it.
      connection.destroy();
    }
  }

  private nextQueued(): Exchange | undefined {
    while (this.queueHead < this.queue.length) {
      const exchange = this.queue[this.queueHead];
      this.queue[this.queueHead++] = undefined;
      if (exchange !== undefined) {
        this.compactQueue();
        return exchange;
      }
    }
    this.compactQueue();
    return undefined;
  }

  private compactQueue(): void {
    if (this.queueHead === this.queue.length) {
      this.queue.length = 0;
      this.queueHead = 0;
    } else if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
  }

  onIdle(connection: HttpConnection): void {
    if (this.closed || !connection.usable) {
      connection.destroy();
      return;
    }
    const next = this.nextQueued();
    if (next !== undefined) connection.send(next);
    else this.idle.push(connection);
  }

  onClosed(connection: HttpConnection): void {
    this.all.delete(connection);
    const at = this.idle.indexOf(connection);
    if (at !== -1) this.idle.splice(at, 1);
    // A queued request gets the slot the closed connection left.
    if (!this.closed && this.all.size < this.size) {
      const next = this.nextQueued();
      if (next !== undefined) this.open(next);
    }
  }

  /** Fails every request carrying `signal` (queued or in flight) with `reason`. */
  cancel(signal: AbortSignal, reason: (exchange: Exchange) => Error): void {
    for (let i = this.queueHead; i < this.queue.length; i++) {
      const exchange = this.queue[i];
      if (exchange?.signal === signal) {
        this.queue[i] = undefined;
        exchange.onError(reason(exchange));
      }
    }
    for (const connection of [...this.all]) {
      const exchange = connection.current;
      if (exchange?.signal === signal) connection.fail(reason(exchange));
    }
  }

  /** Connections open or opening. */
  get connections(): number {
    return this.all.size;
  }

  private checkDeadlines(): void {
    const now = monotonicNs();
    const late = now - this.lastSweepNs > 2 * this.intervalNs;
    this.lastSweepNs = now;
    // A sweep that runs late means this process was not running (a long task, a GC, no core):
    // the bytes may be waiting in the sockets, and timers run before reads, so the next sweep
    // judges, after they have been read. A stalled client is not a stalled server.
    if (late) return;
    for (const connection of this.all) if (connection.deadlineNs !== 0 && now > connection.deadlineNs) connection.timeOut();
  }

  /** Drops every connection and fails every request, queued or in flight. */
  destroy(): void {
    this.closed = true;
    clearInterval(this.sweep);
    const error = () => codedError("UND_ERR_CLOSED", "the pool is closed");
    for (let exchange = this.nextQueued(); exchange !== undefined; exchange = this.nextQueued()) exchange.onError(error());
    for (const connection of [...this.all]) connection.fail(error());
    this.idle.length = 0;
  }
}
