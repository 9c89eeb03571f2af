import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { Turn } from "../model/Turn.js";

/**
 * Synthetic prompts, custom files, traces.
 * @public
 */
export interface DatasetComposer {
  compose(count: number): Promise<Turn[]>;
}

/** Builds the turns a run sends */
export const DatasetComposer = defineProtocol<DatasetComposer>({
  name: "dataset_composer",
  cardinality: "one",
  members: ["compose"],
  description: "Builds the turns a run sends",
});
