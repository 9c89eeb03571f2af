import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { PhaseStats } from "../model/PhaseStats.js";

/** Progress bar, periodic lines, nothing. */
export interface Ui {
  start(phase: string, total: number | undefined): void;
  update(stats: PhaseStats): void;
  stop(stats: PhaseStats): void;
}

/** Shows progress while a run goes on */
export const Ui = defineProtocol<Ui>({
  name: "ui",
  cardinality: "one",
  members: ["start", "update", "stop"],
  description: "Shows progress while a run goes on",
});
