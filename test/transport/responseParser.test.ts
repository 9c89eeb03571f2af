import { describe, expect, it } from "vitest";
import type { Exchange } from "../../dist/modules/transport/Exchange.js";
import { ResponseParser } from "../../dist/modules/transport/ResponseParser.js";
import { CHAT, chunkedResponse, lengthResponse, sseChunk } from "./rawServer.js";

/** Feeds `pieces` to a fresh parser; what it reported. */
function parse(pieces: Buffer[]) {
  const seen = { status: 0, contentType: "", body: [] as Buffer[], end: -1, keepAlive: false };
  const sink = {
    onHead(status: number, contentType: string) {
      seen.status = status;
      seen.contentType = contentType;
    },
    onBody(chunk: Buffer) {
      // Copied, as the transport does: read buffers are reused.
      seen.body.push(Buffer.from(chunk));
    },
  } as unknown as Exchange;
  const parser = new ResponseParser();
  parser.reset(sink);
  let consumed = 0;
  for (const piece of pieces) {
    const end = parser.execute(piece, 0, piece.length, 0);
    if (end >= 0) {
      seen.end = consumed + end;
      break;
    }
    consumed += piece.length;
  }
  seen.keepAlive = parser.keepAlive;
  return { ...seen, text: Buffer.concat(seen.body).toString() };
}

/** Every way of cutting `bytes` in two. */
function everySplit(bytes: Buffer): Buffer[][] {
  return Array.from({ length: bytes.length + 1 }, (_, i) => [bytes.subarray(0, i), bytes.subarray(i)]);
}

const SSE = `${sseChunk("héllo")}${sseChunk("wörld")}data: [DONE]\n\n`;

describe("the HTTP/1.1 response parser", () => {
  const cases: [string, string, string][] = [
    ["a Content-Length body", lengthResponse(CHAT), CHAT],
    ["a chunked body", chunkedResponse(CHAT, 7), CHAT],
    ["a chunked SSE body with multi-byte characters", chunkedResponse(SSE, 5, "text/event-stream"), SSE],
    ["a 100 Continue before the response", `HTTP/1.1 100 Continue\r\n\r\n${lengthResponse(CHAT)}`, CHAT],
    [
      "chunk extensions, upper-case hex and trailers",
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nA;ext=1\r\n0123456789\r\n0\r\nx-trailer: 1\r\n\r\n",
      "0123456789",
    ],
  ];
  for (const [name, response, body] of cases) {
    it(`reads ${name} split at every byte boundary`, () => {
      const bytes = Buffer.from(response);
      for (const pieces of everySplit(bytes)) {
        const seen = parse(pieces);
        expect(seen).toMatchObject({ status: 200, text: body, end: bytes.length, keepAlive: true });
      }
    });
  }

  it("reads a response delivered one byte at a time", () => {
    const bytes = Buffer.from(chunkedResponse(SSE, 3, "text/event-stream"));
    const seen = parse(Array.from(bytes, (b) => Buffer.from([b])));
    expect(seen).toMatchObject({ status: 200, contentType: "text/event-stream", text: SSE, end: bytes.length });
  });

  it("ends 204 and 304 responses at their head, and says where the next bytes start", () => {
    for (const status of ["204 No Content", "304 Not Modified"]) {
      const bytes = Buffer.from(`HTTP/1.1 ${status}\r\ncontent-length: 10\r\n\r\nleftover`);
      expect(parse([bytes]).end).toBe(bytes.length - "leftover".length);
    }
  });

  it("does not keep alive a Connection: close or HTTP/1.0 response, nor a close-delimited body", () => {
    expect(parse([Buffer.from(lengthResponse(CHAT, "200 OK", "connection: close\r\n"))]).keepAlive).toBe(false);
    expect(parse([Buffer.from(lengthResponse(CHAT).replace("HTTP/1.1", "HTTP/1.0"))]).keepAlive).toBe(false);
    expect(parse([Buffer.from("HTTP/1.1 200 OK\r\n\r\nuntil close")])).toMatchObject({ end: -1, text: "until close" });
  });

  it("reads header names in any case, a repeated equal Content-Length, and Connection lists", () => {
    const bytes = Buffer.from(`HTTP/1.0 200 OK\r\nCONTENT-length:  3, 3 \r\nConnection: Keep-Alive, x-other\r\n\r\nabc`);
    expect(parse([bytes])).toMatchObject({ status: 200, text: "abc", end: bytes.length, keepAlive: true });
    const closing = Buffer.from(`HTTP/1.1 200 OK\r\ncontent-length: 3\r\nconnection: x-other,Close\r\n\r\nabc`);
    expect(parse([closing])).toMatchObject({ text: "abc", keepAlive: false });
  });

  const malformed: [string, string, RegExp][] = [
    ["bytes that are not HTTP", "\u0000\u00ff not http at all\r\n\r\n", /^Response does not match the HTTP\/1\.1 protocol \(Expected HTTP\/\)$/],
    ["a bad status line", "HTTP/1.1 2x0 OK\r\n\r\n", /Invalid status line/],
    ["a header line without a colon", "HTTP/1.1 200 OK\r\nnonsense\r\n\r\n", /Invalid header token/],
    ["a malformed content-length", "HTTP/1.1 200 OK\r\ncontent-length: 12abc\r\n\r\n", /Content-Length/],
    ["two different content-lengths", "HTTP/1.1 200 OK\r\ncontent-length: 1\r\ncontent-length: 2\r\n\r\n", /Duplicate Content-Length/],
    ["a bad chunk size", "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n", /chunk size/],
    ["chunk data not followed by CRLF", "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n2\r\nabXY", /Expected LF after chunk data/],
    ["a 101 upgrade", "HTTP/1.1 101 Switching Protocols\r\n\r\n", /upgraded the connection/],
  ];
  for (const [name, response, message] of malformed) {
    it(`refuses ${name} with a coded error`, () => {
      expect(() => parse([Buffer.from(response)])).toThrow(message);
    });
  }

  it("refuses headers that never end once they pass 64 KiB, whatever the pieces", () => {
    const line = Buffer.from(`x-filler: ${"a".repeat(1000)}\r\n`);
    const pieces = [Buffer.from("HTTP/1.1 200 OK\r\n"), ...Array.from({ length: 100 }, () => line)];
    expect(() => parse(pieces)).toThrow(/Header overflow/);
  });
});
