import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What a holding server has seen so far. */
export interface HoldingServerState {
  /** Requests whose body has arrived. */
  readonly received: number;
  /** Received and neither answered nor abandoned by the client. */
  readonly inFlight: number;
  /** The most requests that were ever in flight at once. */
  readonly maxInFlight: number;
  /** Answered requests. */
  readonly answered: number;
  /** Requests the client gave up on (closed the connection) before they were answered. */
  readonly abandoned: number;
}

export interface HoldingServer extends HoldingServerState {
  url: string;
  /** Answers every request held now. */
  flush(): void;
  /** Answers every request held now and, from now on, every request as it arrives. */
  open(): void;
  /** Resolves once `condition` holds; checked whenever a request arrives, is answered or goes away. */
  until(condition: (state: HoldingServerState) => boolean): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A minimal OpenAI chat server that answers a request only when the test says so, so tests can
 * pin the client in a known state ("8 requests in flight, none answered") by events instead of
 * by waiting some milliseconds and hoping. `onReceived` runs after each request arrives and
 * decides: return true to answer it at once, false to hold it until `flush`/`open`.
 */
export async function holdingServer(onReceived: (server: HoldingServer) => boolean = () => false): Promise<HoldingServer> {
  const held = new Set<() => void>();
  const waiters: { condition: (state: HoldingServerState) => boolean; resolve: () => void }[] = [];
  let received = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  let answered = 0;
  let abandoned = 0;
  let opened = false;

  const changed = () => {
    for (const w of [...waiters]) {
      if (w.condition(self)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const reply = (res: ServerResponse, body: { stream?: boolean; max_tokens?: number }) => {
    const words = Array.from({ length: Math.max(1, body.max_tokens ?? 2) }, (_, i) => `w${i}`);
    const usage = { prompt_tokens: 1, completion_tokens: words.length, total_tokens: words.length + 1 };
    if (body.stream) {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const [i, w] of words.entries()) res.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: i ? ` ${w}` : w } }] })}\n\n`);
      res.end(`data: ${JSON.stringify({ choices: [], usage })}\n\ndata: [DONE]\n\n`);
    } else {
      const text = JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: words.join(" ") }, finish_reason: "stop" }], usage });
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.end(text);
    }
  };

  const server = createServer((req, res) => {
    // The profiler's pre-flight check lists models first: answer it at once, uncounted.
    if (req.method === "GET") {
      req.resume();
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"no model list"}}');
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let body: { stream?: boolean; max_tokens?: number } = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        // answered with the defaults
      }
      received++;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let settled = false;
      const answer = () => {
        if (settled) return;
        settled = true;
        held.delete(answer);
        inFlight--;
        answered++;
        reply(res, body);
      };
      // The client gave up (cancelled, or its worker died): the request is no longer in flight.
      res.once("close", () => {
        if (settled) return;
        settled = true;
        held.delete(answer);
        inFlight--;
        abandoned++;
        changed();
      });
      if (opened || onReceived(self)) answer();
      else held.add(answer);
      changed();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  const self: HoldingServer = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get received() {
      return received;
    },
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    get answered() {
      return answered;
    },
    get abandoned() {
      return abandoned;
    },
    flush() {
      for (const answer of [...held]) answer();
      changed();
    },
    open() {
      opened = true;
      self.flush();
    },
    until(condition) {
      if (condition(self)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ condition, resolve }));
    },
    stop() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return self;
}
