import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { ConsoleStyle } from "../console/consoleStyle.js";
import type { ProfileResults } from "../model/ProfileResults.js";

/**
 * Where console text is going: how wide it may be and how to colour it (not at all in pipes or with `NO_COLOR`).
 * @public
 */
export interface ConsoleView {
  /** Columns every line should fit in (80 unless the terminal is narrower). */
  width: number;
  style: ConsoleStyle;
}

/**
 * Summary table, errors.
 * @public
 */
export interface ConsoleExporter {
  /** Text to print (empty for nothing). */
  render(results: ProfileResults, view?: ConsoleView): string;
}

/** Renders results for the terminal */
export const ConsoleExporter = defineProtocol<ConsoleExporter>({
  name: "console_exporter",
  cardinality: "many",
  members: ["render"],
  description: "Renders results for the terminal",
});
