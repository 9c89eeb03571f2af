import type { Communication, CommunicationClient } from "aiperf";
import type { Dealer } from "zeromq";
import { FrameWriter } from "./FrameWriter.js";
import { loadZmq } from "./loadZmq.js";
import { TopicHandlers } from "./TopicHandlers.js";
import { decodeMessage, encodeMessage } from "./zmqMessage.js";

/**
 * The connecting end of a ZeroMQ bus: a DEALER socket with a fixed identity, connected to a
 * `ZmqHub`. It is both a `communication` (a process's bus) and a `communication_client` (a
 * service's end): `publish`/`send` go to the hub, `subscribe`/`onMessage` ask the hub for a topic
 * once and deliver what arrives to the local handlers. Messages queue until connected.
 */
export class ZmqPeer implements Communication, CommunicationClient {
  private readonly local = new TopicHandlers();
  private readonly socket: Promise<Dealer>;
  private readonly writer: FrameWriter;

  /** `address`: the hub's endpoint; `identity`: this peer's name on the bus (unique per hub). */
  constructor(
    address: string,
    readonly identity: string,
  ) {
    this.socket = this.connect(address);
    this.writer = new FrameWriter(this.socket);
    this.socket.catch(() => undefined);
  }

  /** Resolves once the socket is connecting (ZeroMQ reconnects by itself until the hub is there). */
  async ready(): Promise<void> {
    await this.socket;
  }

  publish(topic: string, message: unknown): void {
    this.writer.write(["pub", topic, encodeMessage(message)]);
  }

  send(topic: string, message: unknown): void {
    this.publish(topic, message);
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    const { first, remove } = this.local.add(topic, handler);
    if (first) this.writer.write(["sub", topic]);
    return remove;
  }

  onMessage(topic: string, handler: (message: unknown) => void): () => void {
    return this.subscribe(topic, handler);
  }

  /** Resolves once everything sent so far has been handed to ZeroMQ. */
  flushed(): Promise<void> {
    return this.writer.flushed();
  }

  async close(): Promise<void> {
    await this.writer.flushed();
    this.writer.close();
    const socket = await this.socket.catch(() => undefined);
    socket?.close();
  }

  private async connect(address: string): Promise<Dealer> {
    const { Dealer } = await loadZmq();
    // linger: what was sent still reaches the hub after close (a record sent just before exit).
    const socket = new Dealer({ routingId: this.identity, linger: 2000, sendHighWaterMark: 0, receiveHighWaterMark: 0 });
    socket.connect(address);
    void this.receive(socket);
    return socket;
  }

  private async receive(socket: Dealer): Promise<void> {
    try {
      for await (const [topic, payload] of socket) {
        if (topic && payload) this.local.deliver(topic.toString(), decodeMessage(payload));
      }
    } catch {
      // The socket was closed.
    }
  }
}
