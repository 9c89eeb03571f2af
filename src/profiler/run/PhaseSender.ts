import { setMaxListeners } from "node:events";
import { messageOf } from "../../kernel/util/messageOf.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { RequestJob } from "../model/RequestJob.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { Turn } from "../model/Turn.js";
import type { PhaseDriverContext } from "../phases/PhaseOrchestrator.js";
import type { DatasetSampler } from "../protocols/DatasetSampler.js";
import type { Endpoint } from "../protocols/Endpoint.js";
import type { CreditSender } from "../protocols/TimingStrategy.js";
import { failedRecord } from "./executeRequest.js";
import { RecordStore, type RecordStoreOptions } from "./RecordStore.js";

/** What a phase sender needs to issue requests. */
export interface SenderDeps {
  /** Formats request bodies (on this thread; bodies are reused per turn). */
  endpoint: Endpoint;
  /** Runs one request wherever requests run (the service manager); never rejects. */
  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord>;
  sampler: DatasetSampler;
  /** The composed turns, in order. */
  dataset: readonly Turn[];
  model: string;
  streaming: boolean;
  /** Fields merged into every request body (`endpoint.extra_inputs`), over what the endpoint formats. */
  extraInputs?: Readonly<Record<string, unknown>>;
  /** No tokenizer counts response texts: requests need not keep them (see `RequestJob.textsUnread`). */
  textsUnread?: boolean;
  /** Sees each record as it ends, before it goes into the columns (live statistics). */
  observe?: (record: RequestRecord) => void;
  /** Where the records' token times past the first 16 MiB go (the run's folder); absent: all in memory. */
  records?: RecordStoreOptions;
}

/** Bounds of the phase being sent. */
export interface SenderBounds {
  requests?: number | undefined;
  durationMs?: number | undefined;
  /** Ctrl-C: stop sending, give in-flight requests `graceMs`, then cancel them. */
  interrupt?: AbortSignal | undefined;
  graceMs: number;
}

/**
 * The credit sender of one phase: issues requests through the endpoint and transport, timestamps
 * every chunk, and records each request on the tracker. Timing strategies drive it.
 */
export class PhaseSender implements CreditSender {
  /** Finished records, in columns (a short-lived record object per request, copied in). */
  readonly records: RecordStore;
  private readonly stopSending = new AbortController();
  private readonly cancelInFlight = new AbortController();
  /** Requests sent and not yet recorded. */
  private pending = 0;
  /** Resolves when `pending` reaches 0 (made by `drain` only). */
  private idle: { promise: Promise<void>; resolve: () => void } | undefined;
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
    this.records = new RecordStore(deps.records);
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
    return this.pending;
  }

  get dataset(): readonly Turn[] {
    return this.deps.dataset;
  }

  send(turn?: Turn, scheduledNs?: number): Promise<void> {
    if (!this.canSend()) return Promise.resolve();
    const next = turn ?? this.deps.sampler.next();
    // Counted here, uncounted by the request itself: no `finally` promise and closure per request.
    this.pending++;
    return this.request(this.sent++, next, this.pending, scheduledNs);
  }

  /** Waits for every in-flight request to end (or be cancelled), then releases timers. */
  async drain(): Promise<void> {
    while (this.pending > 0) {
      if (this.idle === undefined) {
        let resolve = () => {};
        const promise = new Promise<void>((r) => (resolve = r));
        this.idle = { promise, resolve };
      }
      await this.idle.promise;
    }
    for (const t of this.timers) clearTimeout(t);
  }

  private ended(): void {
    if (--this.pending > 0 || this.idle === undefined) return;
    const idle = this.idle;
    this.idle = undefined;
    idle.resolve();
  }

  /** One request, counted in `pending` by `send` and uncounted here however it ends. */
  private async request(credit: number, turn: Turn, inFlightAtStart: number, scheduledNs: number | undefined): Promise<void> {
    try {
      const { endpoint, model, streaming } = this.deps;
      const tracker = this.ctx.tracker;
      tracker.recordSent();
      // One job object, fields assigned rather than spread (this runs once per request).
      const job: RequestJob = { phase: tracker.phase, credit, turnId: turn.id, inputTokens: turn.inputTokens, body: "", streaming, inFlightAtStart };
      if (scheduledNs !== undefined) job.scheduledNs = scheduledNs;
      if (turn.outputTokens !== undefined) job.requestedOutputTokens = turn.outputTokens;
      if (this.deps.textsUnread === true) job.textsUnread = true;
      let record: RequestRecord;
      let body = this.bodies.get(turn);
      try {
        if (body === undefined) {
          const formatted = endpoint.formatRequest(turn, { model, streaming });
          body = JSON.stringify(this.deps.extraInputs ? { ...formatted, ...this.deps.extraInputs } : formatted);
          this.bodies.set(turn, body);
        }
      } catch (error) {
        // A plugin endpoint that throws must fail this request, not the run.
        body = undefined;
        record = failedRecord(job, monotonicNs(), `formatting the request failed: ${messageOf(error)}`);
      }
      if (body !== undefined) job.body = body;
      record ??= await this.deps.execute(job, this.cancelInFlight.signal);
      this.deps.observe?.(record);
      this.records.append(record);
      tracker.recordEnd(record.cancelled ? "cancelled" : record.error !== undefined ? "error" : "ok");
    } finally {
      this.ended();
    }
  }
}
