import { messageOf } from "../../kernel/util/messageOf.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import type { RequestJob } from "../model/RequestJob.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { Endpoint, ParsedChunk } from "../protocols/Endpoint.js";
import type { Transport, TransportResponse } from "../protocols/Transport.js";

/** Longest error text kept from a response body. */
const BODY_SUMMARY_LIMIT = 200;

/**
 * The `error.message` of an OpenAI-style JSON error body, else its first non-blank line (an HTML
 * page's `<title>` when it has one), truncated: one readable line per error.
 */
export function summarizeErrorBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string; detail?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message ?? parsed.detail);
    if (typeof message === "string" && message) return truncate(message);
    return truncate(JSON.stringify(parsed));
  } catch {
    // not JSON
  }
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(body)?.[1]?.trim();
  if (title) return truncate(`HTML page: ${title}`);
  const line =
    body
      .split(/\r?\n/)
      .find((l) => l.trim().length > 0)
      ?.trim() ?? "";
  return truncate(line);
}

function truncate(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return oneLine.length > BODY_SUMMARY_LIMIT ? `${oneLine.slice(0, BODY_SUMMARY_LIMIT)}…` : oneLine;
}

/** What arrived, exactly as it arrived: parsed only after the response (keeps the hot path to two pushes). */
interface Arrivals {
  data: string[];
  atNs: number[];
}

/**
 * Reads every payload that arrived into the record: arrival times of content and reasoning
 * chunks, the texts (kept until their tokens are counted), the server's usage and any error.
 */
function readArrivals(record: RequestRecord, arrivals: Arrivals, endpoint: Endpoint): void {
  let content = "";
  let reasoning = "";
  let contentChunks = 0;
  let reasoningChunks = 0;
  const usage: NonNullable<RequestRecord["usage"]> = {};
  for (let i = 0; i < arrivals.data.length; i++) {
    const data = arrivals.data[i] as string;
    if (data === "[DONE]") continue;
    let parsed: ParsedChunk;
    try {
      parsed = endpoint.parseResponse(JSON.parse(data));
    } catch (error) {
      record.error ??= error instanceof SyntaxError ? `malformed response data: ${data.slice(0, 80)}` : `parsing the response failed: ${messageOf(error)}`;
      continue;
    }
    if (parsed.error !== undefined) record.error ??= parsed.error;
    const atNs = arrivals.atNs[i] as number;
    const hasContent = parsed.text.length > 0;
    const hasReasoning = parsed.reasoning !== undefined && parsed.reasoning.length > 0;
    if (hasContent) {
      content += parsed.text;
      contentChunks++;
      record.firstContentNs ??= atNs;
    }
    if (hasReasoning) {
      reasoning += parsed.reasoning;
      reasoningChunks++;
    }
    if (hasContent || hasReasoning) {
      record.firstTokenNs ??= atNs;
      record.tokenNs.push(atNs);
    }
    if (parsed.promptTokens !== undefined) usage.promptTokens = parsed.promptTokens;
    if (parsed.completionTokens !== undefined) usage.completionTokens = parsed.completionTokens;
    if (parsed.reasoningTokens !== undefined) usage.reasoningTokens = parsed.reasoningTokens;
  }
  record.outputText = content;
  if (reasoningChunks > 0) record.reasoningText = reasoning;
  if (Object.keys(usage).length > 0) record.usage = usage;
  // Output counts until the records are collected (applyTokenCounts settles them): the server's, else one per chunk.
  if (usage.completionTokens !== undefined) {
    record.tokenCountSource = "server";
    record.outputTokens = Math.max(0, usage.completionTokens - (usage.reasoningTokens ?? 0));
    if (usage.reasoningTokens !== undefined) record.reasoningTokens = usage.reasoningTokens;
  } else {
    record.tokenCountSource = "chunks";
    record.outputTokens = contentChunks;
    if (reasoningChunks > 0) record.reasoningTokens = reasoningChunks;
  }
}

/**
 * Runs one request through a transport and measures it. While the response arrives each payload
 * is only stored with its arrival time; once the transport is done they are parsed (content and
 * reasoning chunks, usage, errors). Errors (HTTP status, malformed data, a throwing endpoint,
 * network) end up in the record. Never rejects. Used on the main thread (in_process) and in each
 * worker (multiprocess).
 * @public
 */
export async function executeRequest(job: RequestJob, deps: { endpoint: Endpoint; transport: Transport }, signal: AbortSignal): Promise<RequestRecord> {
  const { endpoint, transport } = deps;
  const issuedNs = monotonicNs();
  const record: RequestRecord = {
    phase: job.phase,
    credit: job.credit,
    turnId: job.turnId,
    startNs: issuedNs,
    issuedNs,
    tokenNs: [],
    endNs: 0,
    inputTokens: job.inputTokens,
    outputTokens: 0,
    streaming: job.streaming,
    ...(job.requestedOutputTokens === undefined ? {} : { requestedOutputTokens: job.requestedOutputTokens }),
    ...(job.inFlightAtStart === undefined ? {} : { inFlightAtStart: job.inFlightAtStart }),
    ...(job.scheduledNs === undefined ? {} : { scheduledNs: job.scheduledNs }),
  };
  const arrivals: Arrivals = { data: [], atNs: [] };
  const onData = (data: string, atNs: number) => {
    arrivals.data.push(data);
    arrivals.atNs.push(atNs);
  };
  let response: TransportResponse | undefined;
  let failure: unknown;
  try {
    response = await transport.send({ path: endpoint.path, body: job.body, streaming: job.streaming, signal }, onData);
  } catch (error) {
    failure = error;
  }
  record.endNs = monotonicNs();
  readArrivals(record, arrivals, endpoint);
  if (response) {
    if (response.sentNs !== undefined) record.startNs = response.sentNs;
    record.status = response.status;
    if (response.status >= 400) {
      const summary = response.errorBody ? summarizeErrorBody(response.errorBody) : "";
      record.error = `HTTP ${response.status} from POST ${endpoint.path}${summary ? `: ${summary}` : ""}`;
    }
  } else if (signal.aborted) record.cancelled = true;
  else record.error ??= messageOf(failure);
  return record;
}

/**
 * A record for a request that never reached a transport (formatting failed, its worker died).
 * @public
 */
export function failedRecord(job: Omit<RequestJob, "body" | "streaming">, startNs: number, error: string): RequestRecord {
  return {
    phase: job.phase,
    credit: job.credit,
    turnId: job.turnId,
    startNs,
    tokenNs: [],
    endNs: monotonicNs(),
    inputTokens: job.inputTokens,
    outputTokens: 0,
    error,
    ...(job.inFlightAtStart === undefined ? {} : { inFlightAtStart: job.inFlightAtStart }),
    ...(job.scheduledNs === undefined ? {} : { scheduledNs: job.scheduledNs }),
  };
}
