import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";
import { countingServer } from "./countingServer.js";
import { CHAT, chunkedResponse, lengthResponse, type RawServer, rawServer, sseChunk } from "./rawServer.js";

const PATH = "/v1/chat/completions";

function openTransport(url: string, connections = 1, requestTimeoutMs = 5000): HttpTransport {
  const transport = new HttpTransport();
  transport.open({ url, connections, connectTimeoutMs: 5000, requestTimeoutMs });
  return transport;
}

/** Runs `test` with `transport`, and closes it however the test ends. */
async function usingTransport(transport: HttpTransport, test: (transport: HttpTransport) => Promise<void>): Promise<void> {
  try {
    await test(transport);
  } finally {
    await transport.close();
  }
}

/** Sends one request; what arrived, or the error's message. */
async function request(transport: HttpTransport, streaming = false, signal?: AbortSignal) {
  const data: string[] = [];
  try {
    const response = await transport.send({ path: PATH, body: '{"q":1}', streaming, ...(signal ? { signal } : {}) }, (d) => data.push(d));
    return { status: response.status, data, errorBody: response.errorBody };
  } catch (error) {
    return { error: (error as Error).message, data };
  }
}

/** Resolves once `condition` holds, polled every event-loop turn (an event to wait for, not a delay). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

async function withServer(answer: (socket: Socket, index: number) => void, test: (server: RawServer) => Promise<void>): Promise<void> {
  const server = await rawServer((socket, _request, index) => answer(socket, index));
  try {
    await test(server);
  } finally {
    await server.stop();
  }
}

describe("the built-in HTTP/1.1 client", () => {
  it("keeps connections alive: one connection serves many requests, a pool of 4 opens at most 4", async () => {
    const server = await countingServer();
    const one = openTransport(server.url, 1);
    const four = openTransport(server.url, 4);
    try {
      for (let i = 0; i < 20; i++) expect(await request(one)).toMatchObject({ status: 200 });
      expect(server.connections).toBe(1);
      const results = await Promise.all(Array.from({ length: 40 }, () => request(four)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      expect(server.connections).toBe(5);
    } finally {
      await one.close();
      await four.close();
      await server.stop();
    }
  });

  it("queues requests while every connection is busy and sends each once a connection frees up", async () => {
    const held: Socket[] = [];
    await withServer(
      (socket) => held.push(socket),
      async (server) => {
        await usingTransport(openTransport(server.url, 2), async (transport) => {
          const pending = Array.from({ length: 5 }, () => request(transport));
          await until(() => server.requests.length === 2);
          expect(server.connections).toBe(2);
          // Answer one at a time: each answer lets exactly one queued request out.
          for (let answered = 0; answered < 5; answered++) {
            await until(() => held.length > answered);
            (held[answered] as Socket).write(lengthResponse(CHAT));
          }
          expect((await Promise.all(pending)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
          expect(server.connections).toBe(2);
        });
      },
    );
  });

  it("reads a chunked SSE stream written one byte at a time, multi-byte characters included", async () => {
    const body = `${sseChunk("ä€")}${sseChunk("b😀")}data: [DONE]\n\n`;
    await withServer(
      (socket) => {
        const bytes = Buffer.from(chunkedResponse(body, 9, "text/event-stream"));
        let i = 0;
        const next = () => {
          if (i < bytes.length) socket.write(bytes.subarray(i, ++i), () => setImmediate(next));
        };
        next();
      },
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          const result = await request(transport, true);
          expect(result.status).toBe(200);
          expect(result.data.map((d) => (d === "[DONE]" ? d : JSON.parse(d).choices[0].delta.content))).toEqual(["ä€", "b😀", "[DONE]"]);
        });
      },
    );
  });

  it("fails a request answered with garbage, in words, and serves the next one on a new connection", async () => {
    await withServer(
      (socket, index) => {
        if (index === 0) socket.write("\u0000\u00ff not http at all\r\n\r\n");
        else socket.write(lengthResponse(CHAT));
      },
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          expect((await request(transport)).error).toMatch(/^Response does not match the HTTP\/1\.1 protocol \(Expected HTTP\/\) \[HPE_INVALID_CONSTANT\]$/);
          expect(await request(transport)).toMatchObject({ status: 200 });
          expect(server.connections).toBe(2);
        });
      },
    );
  });

  it("fails a stream reset in the middle, in words", async () => {
    await withServer(
      (socket) => {
        socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${(12).toString(16)}\r\ndata: {"cho`, () =>
          setImmediate(() => socket.resetAndDestroy()),
        );
      },
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          // Linux reports an RST after delivered data as a reset or as a close, depending on timing: both are failures in words.
          expect((await request(transport, true)).error).toMatch(
            /^(the server reset the connection \[ECONNRESET\]|the server closed the connection in the middle of the response \[UND_ERR_SOCKET\])$/,
          );
        });
      },
    );
  });

  it("fails a stream cut mid-event by a close, and does not send the request again", async () => {
    await withServer(
      (socket) => socket.end(`HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: 500\r\n\r\n${sseChunk("a")}data: {"cho`),
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          expect((await request(transport, true)).error).toBe("the server closed the connection in the middle of the response [UND_ERR_SOCKET]");
          expect(server.requests.length).toBe(1);
        });
      },
    );
  });

  it("a server closing an idle kept-alive connection: the next request opens a new one and succeeds", async () => {
    await withServer(
      (socket) => socket.write(lengthResponse(CHAT), () => socket.end()),
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          expect(await request(transport)).toMatchObject({ status: 200 });
          // Closed on both sides: the client saw the close while the connection was idle, nothing was written on it.
          await until(() => server.closed === 1);
          expect(await request(transport)).toMatchObject({ status: 200 });
          expect(server.requests.map((r) => r.connection)).toEqual([0, 1]);
        });
      },
    );
  });

  it("a connection closed after the request was written fails that request and does not send it again", async () => {
    await withServer(
      (socket) => socket.destroy(),
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          expect((await request(transport)).error).toBe("the server closed the connection in the middle of the response [UND_ERR_SOCKET]");
          expect(server.requests.length).toBe(1);
        });
      },
    );
  });

  it("honours Connection: close (a new connection per request) and close-delimited bodies", async () => {
    await withServer(
      (socket, index) => {
        if (index % 2 === 0) socket.end(lengthResponse(CHAT, "200 OK", "connection: close\r\n"));
        else socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n${CHAT}`);
      },
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          for (let i = 0; i < 4; i++) expect(await request(transport)).toMatchObject({ status: 200, data: [CHAT] });
          expect(server.connections).toBe(4);
        });
      },
    );
  });

  it("skips 100 Continue, and ends 204 responses at their head", async () => {
    await withServer(
      (socket, index) => {
        if (index === 0) socket.write(`HTTP/1.1 100 Continue\r\n\r\n${lengthResponse(CHAT)}`);
        else socket.write("HTTP/1.1 204 No Content\r\n\r\n");
      },
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          expect(await request(transport)).toMatchObject({ status: 200, data: [CHAT] });
          expect(await request(transport)).toMatchObject({ status: 204 });
          expect(server.connections).toBe(1);
        });
      },
    );
  });

  it("cancels a request mid-stream through its signal, and the transport keeps serving", async () => {
    await withServer(
      (socket, index) => {
        if (index === 0) socket.write(`HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n${chunkedBody(sseChunk("a"))}`);
        else socket.write(lengthResponse(CHAT));
      },
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          const controller = new AbortController();
          const data: string[] = [];
          const pending = transport.send({ path: PATH, body: "{}", streaming: true, signal: controller.signal }, (d) => data.push(d));
          await until(() => data.length === 1);
          controller.abort(new Error("stopped by test"));
          await expect(pending).rejects.toThrow("stopped by test");
          expect(await request(transport)).toMatchObject({ status: 200 });
        });
      },
    );
  });

  it("times out a server that sends no headers, and one whose body stalls, with the documented messages", async () => {
    await withServer(
      (socket, index) => {
        if (index === 1) socket.write(`HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"choices":`);
      },
      async (server) => {
        await usingTransport(openTransport(server.url, 1, 200), async (transport) => {
          expect((await request(transport)).error).toBe("no response headers within endpoint.request_timeout_ms [UND_ERR_HEADERS_TIMEOUT]");
          expect((await request(transport)).error).toBe("the response body stalled for longer than endpoint.request_timeout_ms [UND_ERR_BODY_TIMEOUT]");
        });
      },
    );
  });

  it("a client blocked past the timeout reads the answer that arrived meanwhile instead of timing it out", async () => {
    await withServer(
      (socket) => socket.write(lengthResponse(CHAT)),
      async (server) => {
        await usingTransport(openTransport(server.url, 1, 200), async (transport) => {
          const pending = request(transport);
          await until(() => server.requests.length === 1);
          // The answer is in the socket now; this process does not run for three timeouts.
          const resume = Date.now() + 600;
          while (Date.now() < resume) {}
          expect(await pending).toMatchObject({ status: 200, data: [CHAT] });
        });
      },
    );
  });

  it("refuses a body or an SSE event past the response limit", async () => {
    await withServer(
      (socket, index) => {
        if (index === 0) socket.write(lengthResponse("x".repeat(5000)));
        else socket.write(chunkedResponse(`data: ${"y".repeat(5000)}`, 100, "text/event-stream"));
      },
      async (server) => {
        const transport = new HttpTransport();
        transport.responseLimit = 1000;
        transport.open({ url: server.url, connections: 1, connectTimeoutMs: 5000, requestTimeoutMs: 5000 });
        try {
          expect((await request(transport)).error).toBe("the response body passed 1000 bytes; refused");
          expect((await request(transport, true)).error).toBe("the response event passed 1000 bytes; refused");
        } finally {
          await transport.close();
        }
      },
    );
  });

  it("keeps an error body up to 2000 bytes", async () => {
    await withServer(
      (socket) => socket.write(lengthResponse("e".repeat(3000), "500 Internal Server Error")),
      async (server) => {
        await usingTransport(openTransport(server.url), async (transport) => {
          const result = await request(transport);
          expect(result.status).toBe(500);
          expect(result.errorBody).toBe("e".repeat(2000));
        });
      },
    );
  });

  it("says connection refused in words, and close() fails what is still in flight", async () => {
    const server = await rawServer(() => {});
    const url = server.url;
    const transport = openTransport(url);
    try {
      const held = request(transport);
      await until(() => server.requests.length === 1);
      await transport.close();
      expect((await held).error).toBe("the connection pool was closed [UND_ERR_CLOSED]");
    } finally {
      await server.stop();
    }
    const refused = openTransport(url);
    try {
      expect((await request(refused)).error).toBe("connection refused (is the server running on that host and port?) [ECONNREFUSED]");
    } finally {
      await refused.close();
    }
  });
});

/** One chunk of a chunked body. */
function chunkedBody(text: string): string {
  return `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;
}
