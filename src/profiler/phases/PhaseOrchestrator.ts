import { inject, multiInject, optional } from "inversify";
import type { Logger } from "../../kernel/app/Logger.js";
import { APP_CONFIG, LOGGER } from "../../kernel/app/tokens.js";
import { instanceName } from "../../kernel/binding/entryOf.js";
import type { EventType } from "../../kernel/events/defineEvent.js";
import { EventBus } from "../../kernel/events/EventBus.js";
import { TimeoutError } from "../../kernel/util/withTimeout.js";
import type { AppConfig } from "../config/AppConfig.js";
import { PhaseComplete, type PhaseEventPayload, PhaseSendingComplete, PhaseStart, PhaseTimeout } from "../events/profilerEvents.js";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { ProcessingResult } from "../model/ProcessingResult.js";
import type { RequestRecords } from "../model/RequestRecords.js";
import { PhaseHook } from "../protocols/PhaseHook.js";
import { PostProcessor } from "../protocols/PostProcessor.js";
import type { PhaseEvent, PhaseLifecycleHook } from "./PhaseLifecycleHook.js";
import { PhaseTracker } from "./PhaseTracker.js";

/**
 * What a phase's driver gets: the tracker, a stop signal, and the sending-complete trigger.
 * @public
 */
export interface PhaseDriverContext {
  tracker: PhaseTracker;
  /** Aborted when the phase times out (or the run is interrupted): stop sending, cancel in-flight. */
  signal: AbortSignal;
  /** Call once sending is over; fires `onPhaseSendingComplete`. Safe to call twice. */
  sendingComplete(): Promise<void>;
}

/**
 * Bounds of one phase.
 * @public
 */
export interface PhaseOptions {
  /** Expected number of requests (for progress), if bounded by count. */
  expected?: number;
  /** `phases.<phase>.timeout_s` in ms: `onPhaseTimeout` fires and in-flight work is cancelled. */
  timeoutMs?: number;
  /** External stop (Ctrl-C). */
  signal?: AbortSignal;
  /** Put on this phase's bus events (a run's id, so its phases and run events go together). */
  correlationId?: string;
}

/**
 * What one phase produced.
 * @public
 */
export interface PhaseOutcome {
  stats: PhaseStats;
  records: RequestRecords;
  postProcessing: ProcessingResult[];
}

/** The bus event published with each hook method. */
const BUS_EVENTS: Record<PhaseEvent, EventType<PhaseEventPayload>> = {
  onPhaseStart: PhaseStart,
  onPhaseSendingComplete: PhaseSendingComplete,
  onPhaseComplete: PhaseComplete,
  onPhaseTimeout: PhaseTimeout,
};

/**
 * Runs phases and tells hooks about them. Hooks arrive by multi-injection of
 * `PhaseHook.token`, in binding order, and run one after another; each call is bounded by
 * `plugins.hook_timeout_ms`. A hook that throws or times out is logged with its name and counted
 * in `hookFailures`; it never stops the phase or the other hooks. After the hooks of each moment,
 * the same moment is published on the app's `EventBus` (`phase.start`, …), when the app has one.
 * @public
 */
export class PhaseOrchestrator {
  /** Failures per hook name, over the orchestrator's life. */
  readonly hookFailures: Record<string, number> = {};
  private readonly hookTimeoutMs: number;
  private readonly named: { name: string; hook: PhaseLifecycleHook }[];

  constructor(
    @multiInject(PhaseHook.token) @optional() hooks: PhaseLifecycleHook[] | undefined,
    @multiInject(PostProcessor.token) @optional() private readonly postProcessors: PostProcessor[] | undefined,
    @inject(APP_CONFIG) config: AppConfig,
    @inject(LOGGER) private readonly logger: Logger,
    @inject(EventBus) @optional() private readonly bus?: EventBus,
  ) {
    this.hookTimeoutMs = config.plugins.hook_timeout_ms;
    this.named = (hooks ?? []).map((hook) => ({ name: instanceName(hook), hook }));
  }

  /** Names of the hooks, in the order they run. */
  get hookNames(): string[] {
    return this.named.map((h) => h.name);
  }

  /**
   * Calls `event` on every hook in order, isolating failures. One watchdog timer serves the whole
   * dispatch: each awaited hook moves the deadline, and the timer re-arms itself until the
   * current hook overruns, so a hook that returns at once costs no timer of its own.
   */
  async fire(event: PhaseEvent, phase: CreditPhase, tracker: PhaseTracker): Promise<void> {
    const ms = this.hookTimeoutMs;
    let deadline = 0;
    let timer: NodeJS.Timeout | undefined;
    let rejectCurrent: ((error: Error) => void) | undefined;
    const watchdog = () => {
      const left = deadline - performance.now();
      if (left > 0) {
        timer = setTimeout(watchdog, left);
        return;
      }
      timer = undefined;
      rejectCurrent?.(new TimeoutError(ms));
    };
    try {
      for (const { name, hook } of this.named) {
        const method = hook[event];
        if (typeof method !== "function") continue;
        try {
          const result = method.call(hook, phase, tracker) as unknown;
          if (result !== null && typeof result === "object" && typeof (result as PromiseLike<void>).then === "function") {
            deadline = performance.now() + ms;
            timer ??= setTimeout(watchdog, ms);
            await new Promise<void>((resolve, reject) => {
              rejectCurrent = reject;
              (result as PromiseLike<void>).then(resolve, reject);
            });
          }
        } catch (error) {
          this.hookFailures[name] = (this.hookFailures[name] ?? 0) + 1;
          this.logger.warn(`phase hook "${name}" failed in ${event} (${phase}): ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Tells the hooks, then publishes the same moment on the app's bus: hooks keep their exact
   * order and timing, and handlers see the stats as the hooks left them.
   */
  private async announce(event: PhaseEvent, phase: CreditPhase, tracker: PhaseTracker, correlationId: string | undefined): Promise<void> {
    await this.fire(event, phase, tracker);
    if (!this.bus) return;
    const options = { source: "phase_orchestrator", ...(correlationId === undefined ? {} : { correlationId }) };
    await this.bus.emit(BUS_EVENTS[event], { phase, stats: tracker.createStats() }, options);
  }

  /**
   * Runs one phase: onPhaseStart, the driver (which sends and calls `sendingComplete`), then
   * onPhaseComplete, or onPhaseTimeout when the timeout fired; then the post-processors.
   */
  async runPhase(phase: CreditPhase, options: PhaseOptions, drive: (ctx: PhaseDriverContext) => Promise<RequestRecords>): Promise<PhaseOutcome> {
    const tracker = new PhaseTracker(phase, options.expected);
    const controller = new AbortController();
    const onExternalAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onExternalAbort, { once: true });
    if (options.signal?.aborted) controller.abort(options.signal.reason);
    let timer: NodeJS.Timeout | undefined;
    let sendingFired: Promise<void> | undefined;
    const sendingComplete = () => {
      if (!sendingFired) {
        tracker.markSendingComplete();
        sendingFired = this.announce("onPhaseSendingComplete", phase, tracker, options.correlationId);
      }
      return sendingFired;
    };
    tracker.markStart();
    await this.announce("onPhaseStart", phase, tracker, options.correlationId);
    if (options.timeoutMs !== undefined) {
      timer = setTimeout(() => {
        tracker.markTimedOut();
        controller.abort(new Error(`phase ${phase} timed out after ${options.timeoutMs} ms`));
      }, options.timeoutMs);
    }
    let records: RequestRecords;
    try {
      records = await drive({ tracker, signal: controller.signal, sendingComplete });
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onExternalAbort);
    }
    await sendingComplete();
    tracker.markEnd();
    await this.announce(tracker.createStats().timedOut ? "onPhaseTimeout" : "onPhaseComplete", phase, tracker, options.correlationId);
    const stats = tracker.createStats();
    const postProcessing: ProcessingResult[] = [];
    for (const processor of this.postProcessors ?? []) {
      const name = instanceName(processor);
      try {
        postProcessing.push(await processor.process(phase, records, stats));
      } catch (error) {
        this.logger.warn(`post-processor "${name}" failed on ${phase}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return { stats, records, postProcessing };
  }
}
