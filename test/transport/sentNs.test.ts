import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monotonicNs } from "aiperf";
import { describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";

const CHAT = JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }] });
const SSE = 'data: {"choices":[{"index":0,"delta":{"content":"hi"}}]}\n\ndata: [DONE]\n\n';

/** A server that notes when each request arrived (monotonic ns) and answers it once released. */
async function stampingServer() {
  const arrivals: number[] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const server = createServer((req, res) => {
    arrivals.push(monotonicNs());
    const stream = req.headers["x-stream"] === "1";
    const answer = () => res.writeHead(200, { "content-type": stream ? "text/event-stream" : "application/json" }).end(stream ? SSE : CHAT);
    req.resume();
    req.on("end", () => {
      if (hold) release = answer;
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    holdNext(): void {
      hold = true;
    },
    releaseHeld(): void {
      hold = false;
      release?.();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function openTransport(url: string, connections: number, headers?: Record<string, string>): HttpTransport {
  const t = new HttpTransport();
  t.open({ url, connections, connectTimeoutMs: 5000, requestTimeoutMs: 5000, ...(headers ? { headers } : {}) });
  return t;
}

describe("when the request's bytes were sent", () => {
  for (const streaming of [false, true]) {
    it(`reports sentNs after the request was issued and before the server saw it or answered (${streaming ? "SSE" : "JSON"})`, async () => {
      const server = await stampingServer();
      const transport = openTransport(server.url, 1, streaming ? { "x-stream": "1" } : undefined);
      try {
        const data: number[] = [];
        const issuedNs = monotonicNs();
        const response = await transport.send({ path: "/v1/chat/completions", body: "{}", streaming }, (_d, at) => data.push(at));
        expect(response.status).toBe(200);
        const sentNs = response.sentNs as number;
        expect(sentNs).toBeGreaterThanOrEqual(issuedNs);
        expect(sentNs).toBeLessThanOrEqual(server.arrivals[0] as number);
        expect(data.length).toBeGreaterThan(0);
        for (const at of data) expect(at).toBeGreaterThanOrEqual(sentNs);
      } finally {
        await transport.close();
        await server.stop();
      }
    });
  }

  it("a request waiting for a free connection is sent only once one is free (the wait is the client's, not the server's)", async () => {
    const server = await stampingServer();
    const transport = openTransport(server.url, 1);
    try {
      server.holdNext();
      const first = transport.send({ path: "/v1/chat/completions", body: "{}", streaming: false }, () => {});
      const second = transport.send({ path: "/v1/chat/completions", body: "{}", streaming: false }, () => {});
      await new Promise<void>((resolve) => {
        const poll = () => (server.arrivals.length > 0 ? resolve() : setImmediate(poll));
        poll();
      });
      const releasedNs = monotonicNs();
      server.releaseHeld();
      const [a, b] = await Promise.all([first, second]);
      expect(a.sentNs as number).toBeLessThan(releasedNs);
      expect(b.sentNs as number).toBeGreaterThan(releasedNs);
    } finally {
      await transport.close();
      await server.stop();
    }
  });
});
