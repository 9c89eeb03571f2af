import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What a counting server saw when the first POST (the first timed request) arrived. */
export interface CountingServer {
  url: string;
  /** Connections opened so far. */
  readonly connections: number;
  /** Connections opened, and GET requests answered, before the first POST arrived (undefined: no POST yet). */
  readonly atFirstPost: { connections: number; gets: number } | undefined;
  /** POSTs received. */
  readonly posts: number;
  stop(): Promise<void>;
}

const CHAT = JSON.stringify({
  id: "x",
  object: "chat.completion",
  model: "m",
  choices: [{ index: 0, message: { role: "assistant", content: "hi there" }, finish_reason: "stop" }],
});
const MODELS = JSON.stringify({ object: "list", data: [{ id: "mock-model", object: "model" }] });

/** A minimal OpenAI server on 127.0.0.1 that counts connections and requests. */
export async function countingServer(): Promise<CountingServer> {
  let connections = 0;
  let gets = 0;
  let posts = 0;
  let atFirstPost: CountingServer["atFirstPost"];
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method === "POST") {
        posts++;
        atFirstPost ??= { connections, gets };
        res.writeHead(200, { "content-type": "application/json" }).end(CHAT);
      } else {
        gets++;
        res.writeHead(200, { "content-type": "application/json" }).end(MODELS);
      }
    });
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    get atFirstPost() {
      return atFirstPost;
    },
    get posts() {
      return posts;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
