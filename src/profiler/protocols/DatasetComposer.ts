import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { Turn } from "../model/Turn.js";
import type { Tokenizer } from "./Tokenizer.js";

/**
 * Synthetic prompts, custom files, traces.
 * @public
 */
export interface DatasetComposer {
  compose(count: number, options?: ComposeOptions): Promise<Turn[]>;
}

/**
 * What the run hands a composer besides the count.
 * @public
 */
export interface ComposeOptions {
  /** The run's tokenizer, when one resolved: lengths are then measured in its tokens. */
  tokenizer?: Tokenizer;
}

/** Builds the turns a run sends */
export const DatasetComposer = defineProtocol<DatasetComposer>({
  name: "dataset_composer",
  cardinality: "one",
  members: ["compose"],
  description: "Builds the turns a run sends",
});
