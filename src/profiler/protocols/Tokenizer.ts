import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * Counts, encodes and decodes tokens the way a model does. Used off the request path: records'
 * texts are counted after their responses, synthetic prompts are built before the run.
 * @public
 */
export interface Tokenizer {
  /** What it is, as recorded in the exports (a model id, a file, `o200k_base`). */
  readonly name: string;
  count(text: string): number;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
}

/** Tokenizers, chosen by `--tokenizer` (a Hugging Face model id, a folder, a tokenizer.json, or an OpenAI encoding). */
export const Tokenizer = defineProtocol<Tokenizer>({
  name: "tokenizer",
  cardinality: "many",
  members: ["count", "encode", "decode"],
  description: "Counts, encodes and decodes tokens like a model (Hugging Face tokenizer.json, OpenAI encodings)",
});
