import { messageOf } from "../../kernel/util/messageOf.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import type { RequestJob } from "../model/RequestJob.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { Endpoint, ParsedChunk } from "../protocols/Endpoint.js";
import type { Transport } from "../protocols/Transport.js";

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

/**
 * Runs one request through a transport and measures it: every content chunk is timestamped on
 * arrival; errors (HTTP status, malformed data, a throwing endpoint, network) end up in the record.
 * Never rejects. Used on the main thread (in_process) and in each worker (multiprocess).
 * @public
 */
export async function executeRequest(job: RequestJob, deps: { endpoint: Endpoint; transport: Transport }, signal: AbortSignal): Promise<RequestRecord> {
  const { endpoint, transport } = deps;
  const record: RequestRecord = {
    phase: job.phase,
    credit: job.credit,
    turnId: job.turnId,
    startNs: monotonicNs(),
    tokenNs: [],
    endNs: 0,
    inputTokens: job.inputTokens,
    outputTokens: 0,
    ...(job.inFlightAtStart === undefined ? {} : { inFlightAtStart: job.inFlightAtStart }),
    ...(job.scheduledNs === undefined ? {} : { scheduledNs: job.scheduledNs }),
  };
  let chunks = 0;
  let completionTokens: number | undefined;
  const onData = (data: string, atNs: number) => {
    if (data === "[DONE]") return;
    let payload: unknown;
    try {
      payload = JSON.parse(data);
    } catch {
      record.error ??= `malformed response data: ${data.slice(0, 80)}`;
      return;
    }
    let parsed: ParsedChunk;
    try {
      parsed = endpoint.parseResponse(payload);
    } catch (error) {
      record.error ??= `parsing the response failed: ${messageOf(error)}`;
      return;
    }
    if (parsed.error !== undefined) record.error ??= parsed.error;
    if (parsed.text.length > 0) {
      record.firstTokenNs ??= atNs;
      record.tokenNs.push(atNs);
      chunks++;
    }
    if (parsed.completionTokens !== undefined) completionTokens = parsed.completionTokens;
    if (parsed.promptTokens !== undefined) record.inputTokens = parsed.promptTokens;
  };
  try {
    const response = await transport.send({ path: endpoint.path, body: job.body, streaming: job.streaming, signal }, onData);
    record.status = response.status;
    if (response.status >= 400) {
      const summary = response.errorBody ? summarizeErrorBody(response.errorBody) : "";
      record.error = `HTTP ${response.status} from POST ${endpoint.path}${summary ? `: ${summary}` : ""}`;
    }
  } catch (error) {
    if (signal.aborted) record.cancelled = true;
    else record.error ??= messageOf(error);
  }
  record.endNs = monotonicNs();
  record.outputTokens = completionTokens ?? chunks;
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
