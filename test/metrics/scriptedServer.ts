import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

/** What a scripted server answers one chat request with. */
export type Script = (request: { body: Record<string, unknown>; index: number }, res: ServerResponse) => void;

/** An SSE `data:` line for one chat delta. */
export const delta = (fields: Record<string, unknown>): string => `data: ${JSON.stringify({ choices: [{ delta: fields }] })}\n\n`;

/** An SSE `data:` line carrying only usage (as servers send with `stream_options.include_usage`). */
export const usageChunk = (usage: Record<string, unknown>): string => `data: ${JSON.stringify({ choices: [], usage })}\n\n`;

/**
 * Writes SSE events one at a time, each after the previous one was flushed, so each arrives as its
 * own chunk with its own timestamp (no wall-clock delays: the test compares computed values with
 * the record's own timestamps).
 */
export async function sendEvents(res: ServerResponse, events: readonly string[]): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const event of events) {
    await new Promise<void>((resolve) => res.write(event, () => resolve()));
    // A macrotask between writes keeps events from being coalesced into one TCP read.
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
  res.end("data: [DONE]\n\n");
}

/** A chat-completions server run by `script`; /v1/models lists "m". Its request index counts from 0. */
export function scriptedServer(script: Script): ReturnType<typeof createServer> {
  let index = 0;
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      if (req.method === "GET") {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ data: [{ id: "m" }] }));
        return;
      }
      script({ body: JSON.parse(text) as Record<string, unknown>, index: index++ }, res);
    });
  });
}
