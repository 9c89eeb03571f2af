import { setMaxListeners } from "node:events";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { Turn } from "../model/Turn.js";
import type { PhaseDriverContext } from "../phases/PhaseOrchestrator.js";
import type { DatasetSampler } from "../protocols/DatasetSampler.js";
import type { Endpoint } from "../protocols/Endpoint.js";
import type { CreditSender } from "../protocols/TimingStrategy.js";
import type { Transport } from "../protocols/Transport.js";
import { monotonicNs } from "../util/monotonicNs.js";

/** What a phase sender needs to issue requests. */
export interface SenderDeps {
  endpoint: Endpoint;
  transport: Transport;
  sampler: DatasetSampler;
  /** The composed turns, in order. */
  dataset: readonly Turn[];
  model: string;
  streaming: boolean;
}

/** Bounds of the phase being sent. */
export interface SenderBounds {
  requests?: number | undefined;
  durationMs?: number | undefined;
  /** Ctrl-C: stop sending, give in-flight requests `graceMs`, then cancel them. */
  interrupt?: AbortSignal | undefined;
  graceMs: number;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${code && !error.message.includes(code) ? `${code} ` : ""}${error.message}${cause}`;
  }
  return String(error);
}

/**
 * The credit sender of one phase: issues requests through the endpoint and transport, timestamps
 * every chunk, and records each request on the tracker. Timing strategies drive it.
 */
export class PhaseSender implements CreditSender {
  readonly records: RequestRecord[] = [];
  private readonly stopSending = new AbortController();
  private readonly cancelInFlight = new AbortController();
  private readonly pending = new Set<Promise<void>>();
  private readonly deadlineNs: number | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private sent = 0;
  /** Serialized request bodies by turn: formatRequest is a pure function of (turn, options). */
  private readonly bodies = new WeakMap<Turn, string>();

  constructor(
    private readonly ctx: PhaseDriverContext,
    private readonly deps: SenderDeps,
    private readonly bounds: SenderBounds,
  ) {
    // Every request in flight listens on these: hundreds at a time is expected, not a leak.
    setMaxListeners(0, this.stopSending.signal, this.cancelInFlight.signal);
    this.deadlineNs = bounds.durationMs === undefined ? undefined : monotonicNs() + bounds.durationMs * 1e6;
    if (bounds.durationMs !== undefined) this.timers.push(setTimeout(() => this.stopSending.abort(), bounds.durationMs));
    const onTimeout = () => {
      this.stopSending.abort();
      this.cancelInFlight.abort();
    };
    if (ctx.signal.aborted) onTimeout();
    else ctx.signal.addEventListener("abort", onTimeout, { once: true });
    const onInterrupt = () => {
      this.stopSending.abort();
      this.timers.push(setTimeout(() => this.cancelInFlight.abort(), bounds.graceMs));
    };
    if (bounds.interrupt?.aborted) onInterrupt();
    else bounds.interrupt?.addEventListener("abort", onInterrupt, { once: true });
  }

  get phase(): CreditPhase {
    return this.ctx.tracker.phase;
  }

  get signal(): AbortSignal {
    return this.stopSending.signal;
  }

  canSend(): boolean {
    if (this.stopSending.signal.aborted) return false;
    if (this.bounds.requests !== undefined && this.sent >= this.bounds.requests) return false;
    if (this.deadlineNs !== undefined && monotonicNs() >= this.deadlineNs) return false;
    return true;
  }

  inFlight(): number {
    return this.pending.size;
  }

  get dataset(): readonly Turn[] {
    return this.deps.dataset;
  }

  send(turn?: Turn, scheduledNs?: number): Promise<void> {
    if (!this.canSend()) return Promise.resolve();
    const p = this.request(this.sent++, turn ?? this.deps.sampler.next(), this.pending.size + 1, scheduledNs);
    this.pending.add(p);
    p.finally(() => this.pending.delete(p));
    return p;
  }

  /** Waits for every in-flight request to end (or be cancelled), then releases timers. */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
    for (const t of this.timers) clearTimeout(t);
  }

  private async request(credit: number, turn: Turn, inFlightAtStart: number, scheduledNs: number | undefined): Promise<void> {
    const { endpoint, transport, model, streaming } = this.deps;
    const tracker = this.ctx.tracker;
    tracker.recordSent();
    // A plugin endpoint that throws must fail this request, not the run.
    let body: string | undefined = this.bodies.get(turn);
    let formatError: string | undefined;
    if (body === undefined) {
      try {
        body = JSON.stringify(endpoint.formatRequest(turn, { model, streaming }));
        this.bodies.set(turn, body);
      } catch (error) {
        formatError = `formatting the request failed: ${messageOf(error)}`;
      }
    }
    const record: RequestRecord = {
      phase: tracker.phase,
      credit,
      turnId: turn.id,
      startNs: monotonicNs(),
      tokenNs: [],
      endNs: 0,
      inputTokens: turn.inputTokens,
      outputTokens: 0,
      inFlightAtStart,
      ...(scheduledNs === undefined ? {} : { scheduledNs }),
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
      let parsed: ReturnType<Endpoint["parseResponse"]>;
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
    if (body === undefined) record.error = formatError;
    else
      try {
        const response = await transport.send({ path: endpoint.path, body, streaming, signal: this.cancelInFlight.signal }, onData);
        record.status = response.status;
        if (response.status >= 400) record.error = `HTTP ${response.status}${response.errorBody ? `: ${summarizeErrorBody(response.errorBody)}` : ""}`;
      } catch (error) {
        if (this.cancelInFlight.signal.aborted) record.cancelled = true;
        else record.error ??= messageOf(error);
      }
    record.endNs = monotonicNs();
    record.outputTokens = completionTokens ?? chunks;
    this.records.push(record);
    tracker.recordEnd(record.cancelled ? "cancelled" : record.error !== undefined ? "error" : "ok");
  }
}

/** The `error.message` of an OpenAI-style JSON error body, else its first 200 characters. */
function summarizeErrorBody(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: string } | string; message?: string };
    const message = typeof parsed.error === "string" ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (message) return message;
  } catch {
    // not JSON
  }
  return body.slice(0, 200);
}
