import {
  type App,
  applyTokenCounts,
  CreditPhase,
  Endpoint,
  executeRequest,
  type MetricResult,
  type PhaseStats,
  RecordProcessor,
  type RequestRecord,
  ResultsProcessor,
  type Tokenizer,
  Transport,
} from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scratch } from "../helpers/scratch.js";
import { delta, type Script, scriptedServer, sendEvents, usageChunk } from "./scriptedServer.js";

const my = scratch();

/** A stand-in tokenizer: one token per word. */
const words: Tokenizer = {
  name: "words",
  count: (text) => text.split(/\s+/).filter(Boolean).length,
  encode: (text) =>
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((_, i) => i),
  decode: (ids) => ids.map(() => "w").join(" "),
};

let app: App;
beforeAll(async () => {
  app = await createTestApp({ noCache: true, config: { ui: { type: "none" } } });
});
afterAll(async () => {
  await app.dispose();
});

/** One request against `script`, its tokens counted as the records manager does, then every metric. */
async function measure(script: Script, options: { streaming?: boolean; tokenizer?: Tokenizer; preferServer?: boolean } = {}) {
  const streaming = options.streaming ?? true;
  const url = await my.listen(scriptedServer(script));
  const endpoint = await app.get(Endpoint);
  const transport = await app.get(Transport);
  transport.open({ url, connections: 1, connectTimeoutMs: 5000, requestTimeoutMs: 30_000 });
  const body = JSON.stringify(endpoint.formatRequest({ id: "t", messages: [{ role: "user", content: "hi" }], inputTokens: 7 }, { model: "m", streaming }));
  const record = await executeRequest(
    { phase: CreditPhase.Profiling, credit: 0, turnId: "t", inputTokens: 7, body, streaming },
    { endpoint, transport },
    new AbortController().signal,
  );
  await transport.close();
  applyTokenCounts(record, options.tokenizer, options.preferServer ?? false);
  const [recordProcessor] = await app.getAll(RecordProcessor);
  const [resultsProcessor] = await app.getAll(ResultsProcessor);
  const values = recordProcessor?.process(record) ?? {};
  const stats: PhaseStats = { phase: CreditPhase.Profiling, sent: 1, completed: 1, cancelled: 0, errors: 0, inFlight: 0, sentSessions: 1, timedOut: false };
  const rows = resultsProcessor?.summarize({ records: [record], metrics: [values], stats }) ?? [];
  const row = (tag: string): MetricResult | undefined => rows.find((r) => r.tag === tag);
  return { record, values, row };
}

const ms = (ns: number) => ns / 1e6;
/** Five chunks of three words each, no usage. */
const fiveChunksOfThree: Script = (_req, res) =>
  void sendEvents(
    res,
    [1, 2, 3, 4, 5].map((i) => delta({ content: `a${i} b${i} c${i} ` })),
  );

describe("AIPerf's token-based definitions against a scripted SSE server", () => {
  it("3 tokens per chunk, no usage: ITL = (latency − TTFT) / (N − 1) with N by the tokenizer; inter-chunk latency = the chunk gaps", async () => {
    const { record, values, row } = await measure(fiveChunksOfThree, { tokenizer: words });
    expect(record.tokenCountSource).toBe("tokenizer");
    expect(record.outputTokens).toBe(15);
    expect(record.outputText).toBeUndefined();
    expect(record.tokenNs).toHaveLength(5);
    const t = record.tokenNs;
    // Latency ends at the last content chunk, not after [DONE].
    const latency = ms((t[4] as number) - record.startNs);
    const ttft = ms((t[0] as number) - record.startNs);
    expect(values.request_latency).toBeCloseTo(latency, 9);
    expect(values.time_to_first_token).toBeCloseTo(ttft, 9);
    expect(values.inter_token_latency).toBeCloseTo((latency - ttft) / 14, 9);
    expect(values.output_token_throughput_per_user).toBeCloseTo(1000 / ((latency - ttft) / 14), 6);
    const gaps = t.slice(1).map((x, i) => ms(x - (t[i] as number)));
    const icl = row("inter_chunk_latency");
    expect(icl?.count).toBe(4);
    expect(icl?.sum).toBeCloseTo(
      gaps.reduce((a, b) => a + b, 0),
      9,
    );
    expect(icl?.min).toBeCloseTo(Math.min(...gaps), 9);
    expect(icl?.max).toBeCloseTo(Math.max(...gaps), 9);
    expect(values.time_to_second_token).toBeCloseTo(gaps[0] as number, 9);
  });

  it("without a tokenizer and without usage, output tokens are chunk counts (and say so)", async () => {
    const { record, values } = await measure(fiveChunksOfThree);
    expect(record.tokenCountSource).toBe("chunks");
    expect(values.output_sequence_length).toBe(5);
  });

  it("with usage and use_server_token_count, N is completion_tokens; the discrepancy with the tokenizer is kept", async () => {
    const script: Script = (_req, res) =>
      void sendEvents(res, [...[1, 2, 3, 4, 5].map((i) => delta({ content: `a${i} b${i} c${i} ` })), usageChunk({ prompt_tokens: 9, completion_tokens: 40 })]);
    const server = await measure(script, { tokenizer: words, preferServer: true });
    expect(server.record.tokenCountSource).toBe("server");
    expect(server.values.output_sequence_length).toBe(40);
    expect(server.values.input_sequence_length).toBe(9);
    const t = server.record.tokenNs;
    expect(server.values.inter_token_latency).toBeCloseTo(ms((t[4] as number) - (t[0] as number)) / 39, 9);

    const client = await measure(script, { tokenizer: words });
    expect(client.record.tokenCountSource).toBe("tokenizer");
    expect(client.values.output_sequence_length).toBe(15);
    expect(client.values.usage_completion_tokens).toBe(40);
    expect(client.values.usage_completion_tokens_diff_pct).toBeCloseTo((100 * 25) / 15, 9);
  });

  it("reasoning chunks before content: TTFT at the first reasoning chunk, TTFO at the first content chunk", async () => {
    const script: Script = (_req, res) =>
      void sendEvents(res, [
        delta({ reasoning_content: "think one " }),
        delta({ reasoning: "think two " }),
        delta({ content: "answer a b " }),
        delta({ content: "c d" }),
      ]);
    const { record, values } = await measure(script, { tokenizer: words });
    expect(record.tokenNs).toHaveLength(4);
    expect(record.firstTokenNs).toBe(record.tokenNs[0]);
    expect(record.firstContentNs).toBe(record.tokenNs[2]);
    expect(values.time_to_first_token).toBeCloseTo(ms((record.tokenNs[0] as number) - record.startNs), 9);
    expect(values.time_to_first_output_token).toBeCloseTo(ms((record.tokenNs[2] as number) - record.startNs), 9);
    expect(record.reasoningTokens).toBe(4);
    expect(record.outputTokens).toBe(5);
    expect(values.output_sequence_length).toBe(9);
    expect(values.reasoning_token_count).toBe(4);
  });

  it("non-streaming: no streaming-only values or rows, output tokens by the tokenizer", async () => {
    const script: Script = (_req, res) => {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ choices: [{ message: { content: "one two three four five six" } }] }));
    };
    const { record, values, row } = await measure(script, { streaming: false, tokenizer: words });
    expect(record.outputTokens).toBe(6);
    expect(values.request_latency).toBeCloseTo(ms(record.endNs - record.startNs), 9);
    for (const tag of [
      "time_to_first_token",
      "time_to_second_token",
      "time_to_first_output_token",
      "inter_token_latency",
      "inter_chunk_latency",
      "output_token_throughput_per_user",
      "prefill_throughput_per_user",
    ]) {
      expect(values[tag], tag).toBeUndefined();
      expect(row(tag), tag).toBeUndefined();
    }
    expect(row("output_sequence_length")?.avg).toBe(6);
  });
});

describe("applyTokenCounts", () => {
  const base = (): RequestRecord => ({
    phase: CreditPhase.Profiling,
    credit: 0,
    turnId: "t",
    startNs: 0,
    tokenNs: [1, 2],
    endNs: 3,
    inputTokens: 7,
    outputTokens: 2,
    tokenCountSource: "chunks",
    outputText: "a b c",
    usage: { promptTokens: 8, completionTokens: 10, reasoningTokens: 4 },
  });

  it("prefers the tokenizer, keeps the server's usage, and drops the texts", () => {
    const r = base();
    applyTokenCounts(r, words, false);
    expect(r).toMatchObject({ outputTokens: 3, inputTokens: 7, tokenCountSource: "tokenizer", usage: { completionTokens: 10 } });
    expect("outputText" in r).toBe(false);
  });

  it("without a tokenizer takes usage (content = completion − reasoning, prompt = prompt_tokens); a second call changes nothing", () => {
    const r = base();
    applyTokenCounts(r, undefined, false);
    expect(r).toMatchObject({ outputTokens: 6, reasoningTokens: 4, inputTokens: 8, tokenCountSource: "server" });
    applyTokenCounts(r, words, false);
    expect(r).toMatchObject({ outputTokens: 6, tokenCountSource: "server" });
  });
});
