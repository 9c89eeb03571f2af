import {
  type App,
  CreditPhase,
  Endpoint,
  executeRequest,
  type RequestJob,
  type RequestRecord,
  runRequest,
  Transport,
  type TransportDataHandler,
  type TransportDone,
  type TransportResponse,
} from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";
import { scratch } from "../helpers/scratch.js";
import { delta, scriptedServer, sendEvents, usageChunk } from "../metrics/scriptedServer.js";

const my = scratch();

let app: App;
beforeAll(async () => {
  app = await createTestApp({ noCache: true, config: { ui: { type: "none" } } });
});
afterAll(async () => {
  await app.dispose();
});

const job = (body: string, extra: Partial<RequestJob> = {}): RequestJob => ({
  phase: CreditPhase.Profiling,
  credit: 0,
  turnId: "t",
  inputTokens: 3,
  body,
  streaming: true,
  ...extra,
});

/** A record without its clock readings (they differ between any two requests). */
function untimed(record: RequestRecord): Record<string, unknown> {
  const { startNs: _s, issuedNs: _i, endNs: _e, firstTokenNs: _f, firstContentNs: _c, tokenNs, ...rest } = record;
  return { ...rest, chunks: tokenNs.length };
}

const events = [
  delta({ reasoning_content: "think " }),
  delta({ content: "a b " }),
  delta({ content: "c" }),
  usageChunk({ prompt_tokens: 3, completion_tokens: 4 }),
];

async function withServer<T>(use: (deps: { endpoint: Endpoint; transport: Transport }, body: string) => Promise<T>): Promise<T> {
  const url = await my.listen(scriptedServer((_req, res) => void sendEvents(res, events)));
  const endpoint = await app.get(Endpoint);
  const transport = await app.get(Transport);
  transport.open({ url, connections: 1, connectTimeoutMs: 5000, requestTimeoutMs: 30_000 });
  const body = JSON.stringify(
    endpoint.formatRequest({ id: "t", messages: [{ role: "user", content: "hi" }], inputTokens: 3 }, { model: "m", streaming: true }),
  );
  try {
    return await use({ endpoint, transport }, body);
  } finally {
    await transport.close();
  }
}

const run = (j: RequestJob, deps: { endpoint: Endpoint; transport: Transport }, signal = new AbortController().signal) =>
  new Promise<RequestRecord>((resolve) => runRequest(j, deps, signal, resolve));

describe("runRequest: executeRequest without a promise", () => {
  it("through the built-in transport's dispatch, the same record as executeRequest", async () => {
    await withServer(async (deps, body) => {
      expect(deps.transport.dispatch).toBeTypeOf("function");
      const viaPromise = await executeRequest(job(body), deps, new AbortController().signal);
      const viaCallback = await run(job(body), deps);
      expect(untimed(viaCallback)).toEqual(untimed(viaPromise));
      expect(viaCallback.outputText).toBe("a b c");
      expect(viaCallback.reasoningText).toBe("think ");
      expect(viaCallback.status).toBe(200);
    });
  });

  it("textsUnread: the texts stay empty but present; counts, usage and times are read as before", async () => {
    await withServer(async (deps, body) => {
      const kept = await run(job(body), deps);
      const unread = await run(job(body, { textsUnread: true }), deps);
      expect(unread.outputText).toBe("");
      expect(unread.reasoningText).toBe("");
      expect({ ...untimed(unread), outputText: kept.outputText, reasoningText: kept.reasoningText }).toEqual(untimed(kept));
    });
  });

  it("a transport without dispatch goes through send; a rejection, or a throwing dispatch, becomes the record's error", async () => {
    const endpoint = await app.get(Endpoint);
    const sending: Transport = {
      open: () => {},
      close: async () => {},
      send: async (_request, onData: TransportDataHandler): Promise<TransportResponse> => {
        onData(JSON.stringify({ choices: [{ message: { content: "x y" } }] }), 1);
        return { status: 200, sentNs: 1 };
      },
    };
    const ok = await run(job("{}", { streaming: false }), { endpoint, transport: sending });
    expect(ok.error).toBeUndefined();
    expect(ok.outputText).toBe("x y");
    expect(ok.startNs).toBe(1);
    const rejecting: Transport = { ...sending, send: () => Promise.reject(new Error("refused")) };
    expect((await run(job("{}"), { endpoint, transport: rejecting })).error).toBe("refused");
    const throwing: Transport = {
      ...sending,
      dispatch: () => {
        throw new Error("broken transport");
      },
    };
    expect((await run(job("{}"), { endpoint, transport: throwing })).error).toBe("broken transport");
  });

  it("a stream of many thousand events is read in order into one record, most of it while the stream goes on (not all held to its end)", async () => {
    const real = await app.get(Endpoint);
    let parsed = 0;
    const endpoint: Endpoint = {
      path: real.path,
      formatRequest: (turn, options) => real.formatRequest(turn, options),
      parseResponse: (payload) => real.parseResponse(payload),
      parseResponseText: (data) => {
        parsed++;
        return (real.parseResponseText as (data: string) => ReturnType<Endpoint["parseResponse"]>)(data);
      },
    };
    const n = 10_000;
    let parsedBeforeEnd = 0;
    const chunk = (content: string) => JSON.stringify({ choices: [{ delta: { content } }] });
    let sent = 0;
    const streaming: Transport = {
      open: () => {},
      close: async () => {},
      send: () => Promise.reject(new Error("unused")),
      dispatch: (_request, onData, done: TransportDone) => {
        onData(JSON.stringify({ choices: [{ delta: { reasoning_content: "hmm " } }] }), 100);
        // Empty content every 1,000th event: no token, no time, as in a short stream.
        for (let i = 0; i < n; i++) onData(chunk(i % 1000 === 999 ? "" : `t${i} `), 1000 + i);
        onData(JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 9990 } }), 20_000);
        onData("[DONE]", 20_001);
        sent = n;
        parsedBeforeEnd = parsed;
        done({ status: 200, sentNs: 50 });
      },
    };
    const record = await run(job("{}"), { endpoint, transport: streaming });
    expect(sent).toBe(n);
    expect(record.error).toBeUndefined();
    // Held payloads (and the text they were cut from) are read every 2,048: memory stays bounded.
    expect(parsedBeforeEnd).toBeGreaterThanOrEqual(8192);
    expect(parsed).toBe(n + 2);
    const expected = Array.from({ length: n }, (_, i) => i).filter((i) => i % 1000 !== 999);
    expect(record.outputText).toBe(expected.map((i) => `t${i} `).join(""));
    expect(record.reasoningText).toBe("hmm ");
    expect(record.tokenNs).toEqual([100, ...expected.map((i) => 1000 + i)]);
    expect(record.firstTokenNs).toBe(100);
    expect(record.firstContentNs).toBe(1000);
    expect(record.usage).toEqual({ promptTokens: 3, completionTokens: 9990 });
    expect(record.tokenCountSource).toBe("server");
  });

  it("done is called once, even when a transport reports twice", async () => {
    const endpoint = await app.get(Endpoint);
    const twice: Transport = {
      open: () => {},
      close: async () => {},
      send: () => Promise.reject(new Error("unused")),
      dispatch: (_request, _onData, done: TransportDone) => {
        done({ status: 200 });
        done(undefined, new Error("late"));
      },
    };
    const records: RequestRecord[] = [];
    runRequest(job("{}"), { endpoint, transport: twice }, new AbortController().signal, (record) => records.push(record));
    expect(records).toHaveLength(1);
    expect(records[0]?.status).toBe(200);
  });

  it("HttpTransport.dispatch reports a transport that is not open through done, once, instead of throwing", () => {
    const transport = new HttpTransport();
    const calls: unknown[][] = [];
    transport.dispatch(
      { path: "/v1/chat/completions", body: "{}", streaming: false },
      () => {},
      (...args) => calls.push(args),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.[0]).toBeUndefined();
    expect(String(calls[0]?.[1])).toContain("transport is not open");
  });
});
