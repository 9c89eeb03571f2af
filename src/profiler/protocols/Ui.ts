import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { LiveStats } from "../model/LiveStats.js";
import type { PhaseStats } from "../model/PhaseStats.js";

/**
 * A phase's bounds, as a view shows them.
 * @public
 */
export interface UiPhaseBounds {
  /** The phase's length in seconds when it is bounded by time (alone or with a count). */
  durationS?: number;
}

/**
 * Progress bar, periodic lines, nothing. `update` is called every 200 ms while a phase runs and
 * `stop` once with the phase's final counts; `live` carries what is sampled at those ticks.
 * @public
 */
export interface Ui {
  start(phase: string, total: number | undefined, bounds?: UiPhaseBounds): void;
  update(stats: PhaseStats, live?: LiveStats): void;
  stop(stats: PhaseStats, live?: LiveStats): void;
}

/** Shows progress while a run goes on */
export const Ui = defineProtocol<Ui>({
  name: "ui",
  cardinality: "one",
  members: ["start", "update", "stop"],
  description: "Shows progress while a run goes on",
});
