import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { Turn } from "../model/Turn.js";

/**
 * JSONL, traces.
 * @public
 */
export interface CustomDatasetLoader {
  load(file: string): Promise<Turn[]>;
}

/** Reads a dataset file into turns */
export const CustomDatasetLoader = defineProtocol<CustomDatasetLoader>({
  name: "custom_dataset_loader",
  cardinality: "one",
  members: ["load"],
  description: "Reads a dataset file into turns",
});
