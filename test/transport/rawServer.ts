import { createServer, type Socket } from "node:net";

/** One request as the raw server read it. */
export interface RawRequest {
  /** Request line and headers, as text. */
  head: string;
  body: string;
  /** 0-based index of the connection it came on (connections in the order they were opened). */
  connection: number;
}

export interface RawServer {
  url: string;
  /** Connections opened so far. */
  readonly connections: number;
  /** Connections closed by both sides so far. */
  readonly closed: number;
  /** Every request read so far, in order. */
  readonly requests: RawRequest[];
  stop(): Promise<void>;
}

/**
 * A TCP server that reads HTTP/1.1 requests (head, then a Content-Length body) and lets the test
 * answer each with any bytes at all, on the raw socket: what a hostile or broken server would
 * send. Listens on 127.0.0.1, port 0.
 */
export async function rawServer(answer: (socket: Socket, request: RawRequest, index: number) => void): Promise<RawServer> {
  const requests: RawRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  let closed = 0;
  const server = createServer((socket) => {
    const connection = connections++;
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      closed++;
    });
    socket.on("error", () => {});
    let pending = Buffer.alloc(0);
    socket.on("data", (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf("\r\n\r\n");
        if (end === -1) return;
        const head = pending.subarray(0, end).toString("latin1");
        const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        const request = { head, body: pending.subarray(end + 4, end + 4 + length).toString(), connection };
        pending = pending.subarray(end + 4 + length);
        requests.push(request);
        answer(socket, request, requests.length - 1);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    get closed() {
      return closed;
    },
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A complete response with a Content-Length body. */
export function lengthResponse(body: string, status = "200 OK", extraHeaders = ""): string {
  return `HTTP/1.1 ${status}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extraHeaders}\r\n${body}`;
}

/** A complete chunked response, `body` cut into chunks of `size` bytes. */
export function chunkedResponse(body: string, size: number, contentType = "application/json"): string {
  let out = `HTTP/1.1 200 OK\r\ncontent-type: ${contentType}\r\ntransfer-encoding: chunked\r\n\r\n`;
  for (let i = 0; i < body.length; i += size) {
    const piece = body.slice(i, i + size);
    out += `${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`;
  }
  return `${out}0\r\n\r\n`;
}

export const CHAT = JSON.stringify({ choices: [{ index: 0, message: { role: "assistant", content: "hi there" }, finish_reason: "stop" }] });

export const sseChunk = (text: string) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text } }] })}\n\n`;
