import { randomUUID } from "node:crypto";
import type { Logger } from "../app/Logger.js";
import type { ImplementationEntry } from "../registry/types.js";
import { messageOf } from "../util/messageOf.js";
import { TimeoutError } from "../util/withTimeout.js";
import { boundedCall } from "./boundedCall.js";
import type { EventType } from "./defineEvent.js";
import type { Disposable, EmitOptions, EmitReport, EventBus, EventContext, EventListener, OnOptions } from "./EventBus.js";
import type { EventHandler } from "./EventHandler.js";

/** One subscriber of an event, declared or programmatic, in the order it runs. */
interface Subscriber {
  name: string;
  priority: number;
  /** Discovery order for declared handlers; after every declared one for `on`. */
  seq: number;
  call(payload: unknown, context: EventContext): unknown;
}

/** What the bus is built from: the declared handlers (metadata only) and how to build one. */
export interface AppEventBusParts {
  /** Winning `event_handler` entries of loaded plugins, in discovery order. */
  handlers: readonly ImplementationEntry[];
  /** Builds a declared handler through the app (imports its module the first time). */
  resolve(entry: ImplementationEntry): Promise<EventHandler>;
  timeoutMs: number;
  logger: Logger;
}

/** The kernel's `EventBus`: one per app, no global state. */
export class AppEventBus implements EventBus {
  readonly failures: Record<string, number> = {};
  private readonly byEvent = new Map<string, Subscriber[]>();
  private seq: number;

  constructor(private readonly parts: AppEventBusParts) {
    this.seq = parts.handlers.length;
    for (const [order, entry] of parts.handlers.entries()) {
      const events = (entry.metadata as { events?: unknown }).events;
      if (!Array.isArray(events)) continue;
      const subscriber = this.declared(entry, order);
      for (const event of new Set(events.map(String))) this.add(event, subscriber);
    }
  }

  /** A declared handler: resolved (so imported) only when an event it wants is first emitted. */
  private declared(entry: ImplementationEntry, order: number): Subscriber {
    let built: Promise<EventHandler> | undefined;
    return {
      name: entry.name,
      priority: entry.priority,
      seq: order,
      call: async (payload, context) => {
        // A failed import is not kept, as in lazy bindings: the next emit tries again.
        built ??= this.parts.resolve(entry).catch((error: unknown) => {
          built = undefined;
          throw error;
        });
        const handler = await built;
        return handler.handle(payload, context);
      },
    };
  }

  private add(event: string, subscriber: Subscriber): void {
    const list = this.byEvent.get(event) ?? [];
    list.push(subscriber);
    list.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    this.byEvent.set(event, list);
  }

  on<T>(event: EventType<T>, handler: EventListener<T>, options: OnOptions = {}): Disposable {
    const subscriber: Subscriber = {
      name: options.name ?? (handler.name || "anonymous"),
      priority: options.priority ?? 0,
      seq: this.seq++,
      call: (payload, context) => handler(payload as T, context),
    };
    this.add(event.name, subscriber);
    return {
      dispose: () => {
        const list = this.byEvent.get(event.name);
        const at = list?.indexOf(subscriber) ?? -1;
        if (list && at >= 0) list.splice(at, 1);
      },
    };
  }

  async emit<T>(event: EventType<T>, payload: T, options: EmitOptions = {}): Promise<EmitReport> {
    const report: EmitReport = { event: event.name, delivered: 0, failed: [], timedOut: [] };
    const subscribers = this.byEvent.get(event.name);
    if (!subscribers || subscribers.length === 0) return report;
    const id = randomUUID();
    const context: EventContext = Object.freeze({
      id,
      event: event.name,
      source: options.source ?? "app",
      timestamp: new Date().toISOString(),
      correlationId: options.correlationId ?? id,
    });
    // A copy: a handler that subscribes or disposes while running changes the next emit only.
    for (const subscriber of [...subscribers]) await this.deliver(subscriber, payload, context, report);
    return report;
  }

  private async deliver(subscriber: Subscriber, payload: unknown, context: EventContext, report: EmitReport): Promise<void> {
    try {
      await boundedCall(() => subscriber.call(payload, context), this.parts.timeoutMs);
      report.delivered++;
    } catch (error) {
      this.failures[subscriber.name] = (this.failures[subscriber.name] ?? 0) + 1;
      if (error instanceof TimeoutError) report.timedOut.push(subscriber.name);
      else report.failed.push({ handler: subscriber.name, error: messageOf(error) });
      this.parts.logger.warn(`event handler "${subscriber.name}" failed on ${context.event}: ${messageOf(error)}`);
    }
  }
}
