import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { ProfileResults } from "../model/ProfileResults.js";

/**
 * JSON, CSV.
 * @public
 */
export interface DataExporter {
  /** Writes into `dir`; returns the files written. */
  export(results: ProfileResults, dir: string): Promise<string[]>;
}

/** Writes results to files */
export const DataExporter = defineProtocol<DataExporter>({
  name: "data_exporter",
  cardinality: "many",
  members: ["export"],
  description: "Writes results to files",
});
