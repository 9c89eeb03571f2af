import { Communication, CommunicationClient } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { describe, expect, it } from "vitest";

/** The first message `subscribe` delivers on `topic`. */
function next(bus: Pick<Communication, "subscribe">, topic: string): Promise<unknown> {
  return new Promise((resolve) => {
    const off = bus.subscribe(topic, (message) => {
      off();
      resolve(message);
    });
  });
}

type Closable = { ready(): Promise<string | undefined>; close(): Promise<void> };

describe.each(["zmq_ipc", "zmq_tcp"])("communication %s", (kind) => {
  it("carries messages both ways between a hub and a peer app, MessagePack-exact", async () => {
    const hubApp = await createTestApp({ noCache: true, config: { service_manager: { communication: kind } } });
    const hub = (await hubApp.get(Communication)) as Communication & Closable;
    const address = (await hub.ready()) as string;
    expect(address).toMatch(kind === "zmq_ipc" ? /^ipc:\/\/\// : /^tcp:\/\/127\.0\.0\.1:\d+$/);
    const peerApp = await createTestApp({
      noCache: true,
      config: {
        service_manager: { communication: kind, communication_client: "zmq_dealer" },
        plugins: { settings: { [`communication.${kind}`]: { connect: address }, "communication_client.zmq_dealer": { connect: address, identity: "w9" } } },
      },
    });
    try {
      const client = await peerApp.get(CommunicationClient);
      const up = next(hub, "record");
      const down = new Promise((resolve) => client.onMessage("credit", resolve));
      const record = { id: 7, record: { startNs: 1_763_890_000_123_456, tokenNs: [1.5, 2], error: undefined, text: "héllo" } };
      client.send("record", record);
      expect(await up).toEqual(record);
      // The peer's subscription reached the hub before its "ready", on the same socket.
      const ready = next(hub, "ready");
      client.send("ready", {});
      await ready;
      hub.publish("credit", { id: 1, job: { body: "{}" } });
      expect(await down).toEqual({ id: 1, job: { body: "{}" } });
      // A peer-side bus joins the same hub the same way.
      const peerBus = (await peerApp.get(Communication)) as Communication & Closable;
      const relayed = next(hub, "hello");
      peerBus.publish("hello", [1, 2, 3]);
      expect(await relayed).toEqual([1, 2, 3]);
    } finally {
      await peerApp.dispose();
      await hubApp.dispose();
    }
  });
});

it("a zmq address of the wrong scheme is a coded config error", async () => {
  const app = await createTestApp({
    noCache: true,
    config: { service_manager: { communication: "zmq_ipc" }, plugins: { settings: { "communication.zmq_ipc": { address: "tcp://127.0.0.1:1" } } } },
  });
  await expect(app.get(Communication)).rejects.toMatchObject({ message: expect.stringMatching(/ipc:\/\/ endpoint/) });
  await app.dispose();
});
