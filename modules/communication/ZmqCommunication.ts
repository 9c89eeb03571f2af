import { rmSync } from "node:fs";
import { AiperfError, type Communication } from "aiperf";
import type { ZmqCommunicationConfig } from "./ZmqCommunicationConfig.js";
import { ZmqHub } from "./ZmqHub.js";
import { ZmqPeer } from "./ZmqPeer.js";

/**
 * A topic bus across processes over ZeroMQ: the hub (`ZmqHub`) when the config names no
 * `connect`, else a peer joining one (`ZmqPeer`). `zmq_ipc` and `zmq_tcp` differ in the transport
 * they accept and their default address.
 */
export abstract class ZmqCommunication implements Communication {
  private readonly bus: ZmqHub | ZmqPeer;
  private readonly cleanup: (() => void) | undefined;

  protected constructor(config: ZmqCommunicationConfig, scheme: "ipc" | "tcp", defaultAddress: () => { address: string; dir?: string }) {
    for (const [key, value] of Object.entries({ address: config.address, connect: config.connect })) {
      if (value !== undefined && !value.startsWith(`${scheme}://`)) {
        throw new AiperfError("AIPERF_CONFIG_INVALID", `communication zmq_${scheme}: ${key} must be a ${scheme}:// endpoint`);
      }
    }
    if (config.connect) {
      this.bus = new ZmqPeer(config.connect, config.identity ?? `peer-${process.pid}`);
      return;
    }
    const fallback = config.address ? undefined : defaultAddress();
    this.bus = new ZmqHub(config.address ?? (fallback?.address as string));
    const dir = fallback?.dir;
    if (dir) this.cleanup = () => rmSync(dir, { recursive: true, force: true });
  }

  /** The bound endpoint (hub) or the hub joined (peer), once ready. */
  async ready(): Promise<string | undefined> {
    return this.bus instanceof ZmqHub ? this.bus.ready() : this.bus.ready().then(() => undefined);
  }

  publish(topic: string, message: unknown): void {
    this.bus.publish(topic, message);
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    return this.bus.subscribe(topic, handler);
  }

  async close(): Promise<void> {
    await this.bus.close();
    this.cleanup?.();
  }
}
