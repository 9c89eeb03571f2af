import type { Tokenizer, TokenizerSource } from "aiperf";

interface Encoding {
  encode(text: string, options: { disallowedSpecial: Set<string> }): number[];
  decode(ids: Iterable<number>): string;
}

/** OpenAI's encodings, each imported only when named (the BPE ranks ship inside gpt-tokenizer: no download). */
const ENCODINGS: Readonly<Record<string, () => Promise<Encoding>>> = {
  o200k_base: () => import("gpt-tokenizer/encoding/o200k_base"),
  o200k_harmony: () => import("gpt-tokenizer/encoding/o200k_harmony"),
  cl100k_base: () => import("gpt-tokenizer/encoding/cl100k_base"),
  p50k_base: () => import("gpt-tokenizer/encoding/p50k_base"),
  r50k_base: () => import("gpt-tokenizer/encoding/r50k_base"),
};

/** Special tokens in a response (`<|endoftext|>` written out) are counted as text, not refused. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Built-in `tiktoken`: OpenAI's BPE encodings (`o200k_base`, `cl100k_base`, `o200k_harmony`,
 * `p50k_base`, `r50k_base`) by `gpt-tokenizer`. Takes a source whose spec is one of those names.
 */
export class TiktokenTokenizer implements Tokenizer {
  private encoding: Encoding | undefined;
  private label = "";

  get name(): string {
    return this.label;
  }

  async load(source: TokenizerSource): Promise<boolean> {
    const name = source.spec.toLowerCase();
    const importEncoding = Object.hasOwn(ENCODINGS, name) ? ENCODINGS[name] : undefined;
    if (source.file !== undefined || importEncoding === undefined) return false;
    this.encoding = await importEncoding();
    this.label = name;
    return true;
  }

  knownNames(): readonly string[] {
    return Object.keys(ENCODINGS);
  }

  count(text: string): number {
    return this.encode(text).length;
  }

  encode(text: string): number[] {
    return this.loaded().encode(text, AS_TEXT);
  }

  decode(ids: readonly number[]): string {
    return this.loaded().decode(ids);
  }

  private loaded(): Encoding {
    if (this.encoding === undefined) throw new Error("the tiktoken tokenizer is used before load()");
    return this.encoding;
  }
}
