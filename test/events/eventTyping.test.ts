import { type EventBus, type EventContext, PhaseComplete, type PhaseEventPayload, RunEnd } from "aiperf";
import { defineEvent, type EventType } from "aiperf/kernel";
import { describe, expectTypeOf, it } from "vitest";

// Checked by `npm run typecheck`: a wrong payload or handler parameter fails the build.
function typed(bus: EventBus): void {
  void bus.emit(PhaseComplete, { phase: "profiling" as PhaseEventPayload["phase"], stats: {} as PhaseEventPayload["stats"] });
  // @ts-expect-error: run.end needs its counts and exit code
  void bus.emit(RunEnd, { dir: "x" });
  bus.on(RunEnd, (payload, context) => {
    expectTypeOf(payload.exitCode).toEqualTypeOf<0 | 1 | 3 | 130>();
    expectTypeOf(context).toEqualTypeOf<EventContext>();
  });
  const Sent = defineEvent<{ title: string }>("notification.sent");
  // @ts-expect-error: title is a string
  void bus.emit(Sent, { title: 1 });
}

describe("event typing", () => {
  it("carries the payload type in the event key", () => {
    expectTypeOf(defineEvent<{ n: number }>("n")).toEqualTypeOf<EventType<{ n: number }>>();
    expectTypeOf(PhaseComplete).toEqualTypeOf<EventType<PhaseEventPayload>>();
    expectTypeOf(typed).toBeFunction();
  });
});
