import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ZmqProxy } from "aiperf";
import type { Socket, Proxy as ZmqLibProxy } from "zeromq";
import type { ZmqProxyConfig } from "./ZmqProxyConfig.js";

type Zmq = typeof import("zeromq");

/**
 * A ZeroMQ proxy between two bound sockets, run by `zeromq`'s own `Proxy` (libzmq's
 * `zmq_proxy` on a thread of its own, so forwarding never waits for this event loop). Subclasses
 * name the socket kinds. `frontend` and `backend` are the bound endpoints once started.
 */
export abstract class ZmqSocketProxy implements ZmqProxy {
  frontend: string | undefined;
  backend: string | undefined;
  private proxy: ZmqLibProxy | undefined;
  private running: Promise<void> | undefined;
  private dir: string | undefined;

  protected constructor(private readonly config: ZmqProxyConfig) {}

  /** The front-end and back-end sockets of this kind of proxy. */
  protected abstract sockets(zmq: Zmq): [Socket, Socket];

  async start(): Promise<void> {
    if (this.proxy) return;
    const zmq = await import("zeromq");
    const [front, back] = this.sockets(zmq);
    try {
      this.frontend = await this.bind(front, this.config.frontend, "frontend");
      this.backend = await this.bind(back, this.config.backend, "backend");
    } catch (error) {
      front.close();
      back.close();
      this.removeDir();
      throw error;
    }
    this.proxy = new zmq.Proxy(front, back);
    this.running = this.proxy.run().catch(() => undefined);
  }

  async stop(): Promise<void> {
    const proxy = this.proxy;
    this.proxy = undefined;
    if (proxy) {
      proxy.terminate();
      await this.running;
    }
    this.removeDir();
  }

  private async bind(socket: Socket & { bind(address: string): Promise<void> }, address: string | undefined, side: string): Promise<string> {
    if (!address) {
      this.dir ??= mkdtempSync(path.join(os.tmpdir(), "aiperf-proxy-"));
      address = `ipc://${path.join(this.dir, side)}`;
    }
    await socket.bind(address);
    return socket.lastEndpoint ?? address;
  }

  private removeDir(): void {
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }
}
