import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * What `--tokenizer` (or the endpoint's model name) resolved to, offered to each tokenizer
 * implementation in turn: the spec as written and, when it named one on disk or in the local
 * Hugging Face cache, the tokenizer.json file.
 * @public
 */
export interface TokenizerSource {
  /** The spec as written: a model id, a folder, a file, or an encoding name such as `o200k_base`. */
  spec: string;
  /** The tokenizer.json the spec resolved to, when it resolved to a file. */
  file?: string;
}

/**
 * Counts, encodes and decodes tokens the way a model does. Used off the request path: records'
 * texts are counted after their responses, synthetic prompts are built before the run.
 * Implementations are registry entries (one per family: `huggingface`, `tiktoken`); the run
 * builds each and calls `load` until one takes the source.
 * @public
 */
export interface Tokenizer {
  /** What it is, as recorded in the exports (a model id, a file, `o200k_base`). */
  readonly name: string;
  /** Tokens in `text`, special tokens (BOS/EOS) not added. */
  count(text: string): number;
  encode(text: string): number[];
  decode(ids: readonly number[]): string;
  /**
   * Loads the tokenizer `source` names; resolves false when this family does not handle it (so the
   * next one is asked), rejects when it does but the data is unusable (a corrupt tokenizer.json).
   */
  load?(source: TokenizerSource): Promise<boolean>;
  /** Names this family takes without a file (OpenAI encodings), offered as suggestions when a name resolves to nothing. */
  knownNames?(): readonly string[];
}

/** Tokenizers, chosen by `--tokenizer` (a Hugging Face model id, a folder, a tokenizer.json, or an OpenAI encoding). */
export const Tokenizer = defineProtocol<Tokenizer>({
  name: "tokenizer",
  cardinality: "many",
  members: ["count", "encode", "decode"],
  description: "Counts, encodes and decodes tokens like a model (Hugging Face tokenizer.json, OpenAI encodings)",
});
