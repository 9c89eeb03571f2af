import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { Turn } from "../model/Turn.js";

/**
 * Sequential, random, shuffle.
 * @public
 */
export interface DatasetSampler {
  init(turns: readonly Turn[], seed: number): void;
  next(): Turn;
}

/** Picks the next turn to send */
export const DatasetSampler = defineProtocol<DatasetSampler>({
  name: "dataset_sampler",
  cardinality: "one",
  members: ["init", "next"],
  description: "Picks the next turn to send",
});
