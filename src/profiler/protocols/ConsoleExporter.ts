import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { ProfileResults } from "../model/ProfileResults.js";

/** Summary table, errors. */
export interface ConsoleExporter {
  /** Text to print (empty for nothing). */
  render(results: ProfileResults): string;
}

/** Renders results for the terminal */
export const ConsoleExporter = defineProtocol<ConsoleExporter>({
  name: "console_exporter",
  cardinality: "many",
  members: ["render"],
  description: "Renders results for the terminal",
});
