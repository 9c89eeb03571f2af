import net from "node:net";
import tls from "node:tls";
import { monotonicNs } from "aiperf";
import { codedError } from "./codedError.js";
import type { Exchange } from "./Exchange.js";
import { ResponseParser } from "./ResponseParser.js";

/** Where connections go and how long each step may take. */
export interface ConnectionTarget {
  host: string;
  port: number;
  tls: boolean;
  connectTimeoutNs: number;
  requestTimeoutNs: number;
}

/** What a connection tells its pool. */
export interface ConnectionOwner {
  /** The connection can take a request. */
  onIdle(connection: HttpConnection): void;
  /** The connection is gone (closed by either side, broken or timed out). */
  onClosed(connection: HttpConnection): void;
}

/** One read buffer per process for plain sockets (`onread`): reads are consumed synchronously, so it is never shared in time. */
const READ_BUFFER = Buffer.allocUnsafe(64 * 1024);

/**
 * One keep-alive HTTP/1.1 connection carrying one request at a time. The request's bytes go out
 * with one `socket.write`, `sentNs` taken right before it; every read is stamped once, as soon as
 * it arrives, and parsed synchronously (plain sockets read into one reused buffer through
 * `onread`, skipping the stream machinery). Deadlines are fields checked by the pool's sweep, not
 * timers. Any failure fails only the request on it, and the connection is dropped.
 */
export class HttpConnection {
  private readonly socket: net.Socket;
  private readonly parser = new ResponseParser();
  private exchange: Exchange | undefined;
  private connected = false;
  private closed = false;
  /** When the current step times out (monotonic ns; 0: no deadline) and with which code. */
  deadlineNs: number;
  private deadlineCode = "UND_ERR_CONNECT_TIMEOUT";

  constructor(
    private readonly target: ConnectionTarget,
    private readonly owner: ConnectionOwner,
    first: Exchange | undefined,
  ) {
    this.exchange = first;
    this.deadlineNs = monotonicNs() + target.connectTimeoutNs;
    this.socket = target.tls ? this.connectTls() : this.connectPlain();
    this.socket.on("error", (error) => this.fail(error));
    this.socket.on("end", () => this.onPeerClosed());
    this.socket.on("close", () => this.onPeerClosed());
  }

  private connectPlain(): net.Socket {
    const socket = net.connect({
      host: this.target.host,
      port: this.target.port,
      noDelay: true,
      onread: { buffer: READ_BUFFER, callback: (n: number, buf: Uint8Array) => this.onBytes(buf as Buffer, n) },
    });
    socket.once("connect", () => this.onConnected());
    return socket;
  }

  private connectTls(): tls.TLSSocket {
    const host = this.target.host;
    const socket = tls.connect({ host, port: this.target.port, servername: net.isIP(host) ? "" : host, ALPNProtocols: ["http/1.1"] });
    socket.setNoDelay(true);
    socket.once("secureConnect", () => this.onConnected());
    socket.on("data", (chunk: Buffer) => this.onBytes(chunk, chunk.length));
    return socket;
  }

  /** True when nothing is in flight and the socket can still be written. */
  get usable(): boolean {
    return this.connected && !this.closed && this.exchange === undefined && this.socket.writable;
  }

  get current(): Exchange | undefined {
    return this.exchange;
  }

  /** Writes `exchange` (the connection must be `usable`). */
  send(exchange: Exchange): void {
    this.exchange = exchange;
    this.write(exchange);
  }

  private write(exchange: Exchange): void {
    this.parser.reset(exchange);
    const now = monotonicNs();
    exchange.onSent(now);
    this.deadlineNs = now + (exchange.timeoutNs ?? this.target.requestTimeoutNs);
    this.deadlineCode = "UND_ERR_HEADERS_TIMEOUT";
    this.socket.write(exchange.bytes);
  }

  private onConnected(): void {
    this.connected = true;
    this.deadlineNs = 0;
    const exchange = this.exchange;
    if (exchange !== undefined) this.write(exchange);
    else this.owner.onIdle(this);
  }

  /** Always true: `onread` pauses the socket on false, and reading never pauses here. */
  private onBytes(buf: Buffer, n: number): boolean {
    const atNs = monotonicNs();
    const exchange = this.exchange;
    if (exchange === undefined || this.closed) {
      // Bytes nobody asked for: the connection's state is unknown, so it is not reused.
      this.destroy();
      return true;
    }
    let end: number;
    try {
      end = this.parser.execute(buf, 0, n, atNs);
    } catch (error) {
      this.fail(error as Error);
      return true;
    }
    if (end < 0) {
      // Headers must arrive within the timeout as a whole; the body may not stall for longer than it.
      if (this.parser.headDone) {
        this.deadlineNs = atNs + this.target.requestTimeoutNs;
        this.deadlineCode = "UND_ERR_BODY_TIMEOUT";
      }
      return true;
    }
    this.finish(exchange, this.parser.keepAlive && end === n);
    return true;
  }

  private finish(exchange: Exchange, reusable: boolean): void {
    this.exchange = undefined;
    this.deadlineNs = 0;
    if (!reusable) this.destroy();
    exchange.onComplete();
    if (reusable && !this.closed) this.owner.onIdle(this);
  }

  private onPeerClosed(): void {
    if (this.closed) return;
    const exchange = this.exchange;
    if (exchange !== undefined && this.connected && this.parser.endsOnClose()) this.finish(exchange, false);
    else this.fail(codedError("UND_ERR_SOCKET", "other side closed"));
  }

  /** The sweep found the deadline passed. */
  timeOut(): void {
    this.fail(codedError(this.deadlineCode, "timed out"));
  }

  /** Fails the request in flight (if any) with `error` and drops the connection. */
  fail(error: Error): void {
    const exchange = this.exchange;
    this.exchange = undefined;
    this.destroy();
    exchange?.onError(error);
  }

  /** Drops the connection; a request in flight is left to the caller. */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    this.deadlineNs = 0;
    this.socket.destroy();
    this.owner.onClosed(this);
  }
}
