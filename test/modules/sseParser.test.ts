import { describe, expect, it } from "vitest";
// A built-in's internals, tested directly: the SSE framing is where streams go wrong.
import { SseParser } from "../../dist/modules/transport/SseParser.js";

function feed(chunks: string[]): { events: string[]; pending: string } {
  const events: string[] = [];
  const parser = new SseParser((d: string) => events.push(d));
  for (const c of chunks) parser.push(c);
  return { events, pending: parser.pending };
}

describe("SSE parsing", () => {
  it("splits events across arbitrary chunk boundaries", () => {
    const text = 'data: {"a":1}\n\ndata: {"b":2}\n\ndata: [DONE]\n\n';
    for (let cut = 1; cut < text.length; cut++) {
      expect(feed([text.slice(0, cut), text.slice(cut)])).toEqual({ events: ['{"a":1}', '{"b":2}', "[DONE]"], pending: "" });
    }
  });

  it("accepts CRLF line ends, even split between chunks", () => {
    expect(feed(["data: x\r", "\n\r", "\ndata: y\r\n\r\n"])).toEqual({ events: ["x", "y"], pending: "" });
  });

  it("joins multi-line data, ignores comments and other fields, and keeps an unfinished event pending", () => {
    expect(feed([": keep-alive\n\nevent: message\ndata: one\ndata: two\nid: 3\n\ndata: cut"])).toEqual({ events: ["one\ntwo"], pending: "data: cut" });
  });

  it("reads the first event after a byte-order mark", () => {
    expect(feed(["\uFEFFdata: first\n\n", "data: second\n\n"])).toEqual({ events: ["first", "second"], pending: "" });
  });

  it("delivers one 8 MB event that arrives in 4 KB chunks, whole", () => {
    const events: string[] = [];
    const parser = new SseParser((d) => events.push(d));
    const chunk = "x".repeat(4096);
    parser.push("data: ");
    for (let i = 0; i < 2048; i++) parser.push(chunk);
    parser.push("\r\n\r\n");
    expect(events.map((e) => e.length)).toEqual([8 * 1024 * 1024]);
    expect(parser.pending).toBe("");
  });
});
