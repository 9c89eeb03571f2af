import { ZmqProxy } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { describe, expect, it } from "vitest";
import * as zmq from "zeromq";

async function proxy(kind: string) {
  const app = await createTestApp({ noCache: true, config: {} });
  const instance = await app.get(ZmqProxy, kind);
  await instance.start();
  return {
    frontend: instance.frontend as string,
    backend: instance.backend as string,
    stop: async () => {
      await instance.stop();
      await app.dispose();
    },
  };
}

const text = (frames: Buffer[]) => frames.map((f) => f.toString());

describe("zmq_proxy", () => {
  it("xpub_xsub: a publisher's messages reach a subscriber across the proxy", async () => {
    const p = await proxy("xpub_xsub");
    const pub = new zmq.Publisher({ linger: 0 });
    const sub = new zmq.Subscriber({ linger: 0 });
    try {
      pub.connect(p.frontend);
      sub.connect(p.backend);
      sub.subscribe("topic");
      // Subscriptions travel up through the proxy asynchronously: publish until one arrives.
      let received: Buffer[] | undefined;
      const receiving = sub.receive().then((m) => (received = m));
      while (!received) {
        await pub.send(["topic", "payload"]);
        await Promise.race([receiving, new Promise((r) => setTimeout(r, 20))]);
      }
      expect(text(received)).toEqual(["topic", "payload"]);
    } finally {
      pub.close();
      sub.close();
      await p.stop();
    }
  });

  it("push_pull: every pushed message is pulled once, in order", async () => {
    const p = await proxy("push_pull");
    const push = new zmq.Push({ linger: 0 });
    const pull = new zmq.Pull({ linger: 0 });
    try {
      push.connect(p.frontend);
      pull.connect(p.backend);
      for (let i = 0; i < 5; i++) await push.send(`m${i}`);
      const got: string[] = [];
      for (let i = 0; i < 5; i++) got.push(...text(await pull.receive()));
      expect(got).toEqual(["m0", "m1", "m2", "m3", "m4"]);
    } finally {
      push.close();
      pull.close();
      await p.stop();
    }
  });

  it("dealer_router: a request reaches a worker and its reply comes back to the client", async () => {
    const p = await proxy("dealer_router");
    const client = new zmq.Dealer({ linger: 0 });
    const worker = new zmq.Reply({ linger: 0 });
    try {
      client.connect(p.frontend);
      worker.connect(p.backend);
      // A DEALER talking to REP sends the empty delimiter frame itself.
      await client.send(["", "ping"]);
      const [request] = await worker.receive();
      expect(request?.toString()).toBe("ping");
      await worker.send("pong");
      expect(text(await client.receive())).toEqual(["", "pong"]);
    } finally {
      client.close();
      worker.close();
      await p.stop();
    }
  });
});
