import { createServer, type ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";

const my = scratch();

/** Answers every chat request with `respond`; /v1/models lists "m". */
async function serve(respond: (res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      if (req.method === "GET") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ data: [{ id: "m" }] }));
      } else respond(res);
    });
  });
  return my.listen(server);
}

const chunk = (text: string) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;

async function run(url: string, streaming = true) {
  const dir = my.dir("streams");
  return profileWith({
    endpoint: { url, model: "m", streaming },
    phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
    output: { dir, data_exporters: [], console_exporters: [] },
  });
}

describe("stream shapes servers send", () => {
  it("reads an SSE stream labelled application/json (as the OpenAI SDK does), byte-order mark included", async () => {
    const url = await serve((res) => {
      res.setHeader("content-type", "application/json");
      res.end(`\uFEFF${chunk("a")}${chunk("b")}${chunk("c")}data: [DONE]\n\n`);
    });
    const { results, exitCode } = await run(url);
    expect(exitCode).toBe(0);
    expect(results.errors).toEqual([]);
    expect([...results.records].map((r) => r.tokenNs.length)).toEqual([3, 3]);
  });

  it("an event stream without a single data event is an error, not a success with 0 tokens", async () => {
    const url = await serve((res) => {
      res.setHeader("content-type", "text/event-stream");
      res.end(": keep-alive\n\n: still nothing\n\n");
    });
    const { results, exitCode } = await run(url);
    expect(exitCode).toBe(1);
    expect(results.errors).toEqual([{ message: "the event stream ended without a single data event", count: 2 }]);
  });

  it("a JSON body that is no OpenAI object (null, a list, no choices) is an error, not a success with 0 tokens", async () => {
    for (const [body, message] of [
      ["null", "the response is not an OpenAI object (got null)"],
      ["[1, 2]", "the response is not an OpenAI object (got a list)"],
      ['{"status": "ok"}', "the response has no choices, usage or error: not an OpenAI completion"],
    ]) {
      const url = await serve((res) => {
        res.setHeader("content-type", "application/json");
        res.end(body);
      });
      const { results, exitCode } = await run(url, false);
      expect(exitCode).toBe(1);
      expect(results.errors).toEqual([{ message, count: 2 }]);
    }
  });

  it("a response body past 64 MiB is refused instead of filling memory", async () => {
    const chunk = "x".repeat(1024 * 1024);
    const url = await serve((res) => {
      res.setHeader("content-type", "application/json");
      let sent = 0;
      const more = () => {
        while (sent < 70) {
          sent++;
          if (!res.write(chunk)) return res.once("drain", more);
        }
        res.end();
      };
      more();
    });
    const { results } = await run(url, false);
    expect(results.errors).toEqual([{ message: "the response body passed 64 MiB; refused", count: 2 }]);
  });
});
