import type { Communication } from "aiperf";
import type { Router } from "zeromq";
import { FrameWriter } from "./FrameWriter.js";
import { loadZmq } from "./loadZmq.js";
import { TopicHandlers } from "./TopicHandlers.js";
import { decodeMessage, encodeMessage } from "./zmqMessage.js";

/**
 * The bound end of a ZeroMQ bus: a ROUTER socket that peers (`ZmqPeer`, DEALER sockets) connect
 * to. Peers send `[verb, topic, payload]`: `sub` registers their interest in a topic, `pub` delivers
 * a message to the hub's own subscribers and to every other peer that subscribed. The hub sends
 * `[topic, payload]` to one peer (`sendTo`, by the peer's identity) or to every subscribed peer
 * (`publish`). A ROUTER delivers in order per peer and never drops a message for a live peer,
 * unlike PUB/SUB, whose subscriptions race the first messages.
 */
export class ZmqHub implements Communication {
  private readonly local = new TopicHandlers();
  private readonly remote = new Map<string, Set<string>>();
  private readonly socket: Promise<Router>;
  private readonly writer: FrameWriter;
  private bound = "";

  /** `address`: a ZeroMQ endpoint to bind (`ipc:///tmp/x/bus`, `tcp://127.0.0.1:*` for any free port). */
  constructor(address: string) {
    this.socket = this.bind(address);
    this.writer = new FrameWriter(this.socket);
    // A bind failure surfaces through `ready()`; the writer just drops what it cannot send.
    this.socket.catch(() => undefined);
  }

  /** Resolves with the bound endpoint (the real port for `tcp://…:*`) once peers can connect. */
  async ready(): Promise<string> {
    await this.socket;
    return this.bound;
  }

  publish(topic: string, message: unknown): void {
    this.local.deliver(topic, message);
    const peers = this.remote.get(topic);
    if (!peers || peers.size === 0) return;
    const payload = encodeMessage(message);
    for (const peer of peers) this.writer.write([peer, topic, payload]);
  }

  subscribe(topic: string, handler: (message: unknown) => void): () => void {
    return this.local.add(topic, handler).remove;
  }

  /** Sends to one peer only (a credit to the worker chosen for it). */
  sendTo(peer: string, topic: string, message: unknown): void {
    this.writer.write([peer, topic, encodeMessage(message)]);
  }

  /** Forgets a peer's subscriptions (it is gone). */
  forget(peer: string): void {
    for (const peers of this.remote.values()) peers.delete(peer);
  }

  async close(): Promise<void> {
    await this.writer.flushed();
    this.writer.close();
    const socket = await this.socket.catch(() => undefined);
    if (socket) {
      socket.linger = 0;
      socket.close();
    }
  }

  private async bind(address: string): Promise<Router> {
    const { Router } = await loadZmq();
    const socket = new Router({ linger: 0, sendHighWaterMark: 0, receiveHighWaterMark: 0 });
    await socket.bind(address);
    this.bound = socket.lastEndpoint ?? address;
    void this.receive(socket);
    return socket;
  }

  private async receive(socket: Router): Promise<void> {
    try {
      for await (const [peer, verb, topic, payload] of socket) {
        if (!peer || !verb || !topic) continue;
        const from = peer.toString();
        const name = topic.toString();
        if (verb.toString() === "sub") this.addRemote(name, from);
        else if (payload) this.relay(from, name, payload);
      }
    } catch {
      // The socket was closed: the bus is over.
    }
  }

  private addRemote(topic: string, peer: string): void {
    let peers = this.remote.get(topic);
    if (!peers) {
      peers = new Set();
      this.remote.set(topic, peers);
    }
    peers.add(peer);
  }

  private relay(from: string, topic: string, payload: Buffer): void {
    for (const peer of this.remote.get(topic) ?? []) if (peer !== from) this.writer.write([peer, topic, payload]);
    this.local.deliver(topic, decodeMessage(payload));
  }
}
