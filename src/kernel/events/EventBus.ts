import type { ServiceIdentifier } from "inversify";
import type { EventType } from "./defineEvent.js";

/**
 * What every handler gets with the payload: one id per emit, the event's name, who emitted it,
 * when (ISO 8601) and a correlation id (the emitter's, else the event id).
 * @public
 */
export interface EventContext {
  readonly id: string;
  readonly event: string;
  readonly source: string;
  readonly timestamp: string;
  readonly correlationId: string;
}

/**
 * Optional facts an emitter adds to the event context.
 * @public
 */
export interface EmitOptions {
  /** Who emits (a plugin or component name); default `app`. */
  source?: string;
  /** Ties events of one operation together; default the event's own id. */
  correlationId?: string;
}

/**
 * One handler's failure in an emit.
 * @public
 */
export interface HandlerFailure {
  handler: string;
  error: string;
}

/**
 * What one emit did: how many handlers completed, which threw (or failed to load) and which
 * overran `plugins.event_timeout_ms`.
 * @public
 */
export interface EmitReport {
  event: string;
  delivered: number;
  failed: HandlerFailure[];
  timedOut: string[];
}

/**
 * A programmatic handler: the payload and the event context; may be async.
 * @public
 */
export type EventListener<T> = (payload: T, context: EventContext) => unknown;

/**
 * Options of `on`: a name for logs and reports, and a priority (higher runs first; default 0,
 * after declared handlers of the same priority).
 * @public
 */
export interface OnOptions {
  name?: string;
  priority?: number;
}

/**
 * Undoes a subscription.
 * @public
 */
export interface Disposable {
  dispose(): void;
}

/**
 * The app's event bus (one per app, bound by the kernel): `emit` runs every handler of an event,
 * declared ones (registry `event_handler` entries) and programmatic ones (`on`), in priority order,
 * one after another, each bounded by `plugins.event_timeout_ms`. A handler that throws, hangs or
 * fails to load is logged and reported, never stops the others, and never makes `emit` reject.
 * @public
 */
export const EventBus: ServiceIdentifier<EventBus> = Symbol.for("aiperf.event_bus");
/** @public */
export interface EventBus {
  emit<T>(event: EventType<T>, payload: T, options?: EmitOptions): Promise<EmitReport>;
  on<T>(event: EventType<T>, handler: EventListener<T>, options?: OnOptions): Disposable;
  /** Failures (throws, timeouts, load failures) per handler name, over the bus's life. */
  readonly failures: Readonly<Record<string, number>>;
}
