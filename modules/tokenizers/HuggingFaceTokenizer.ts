import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Tokenizer, TokenizerSource } from "aiperf";

type HfTokenizer = InstanceType<typeof import("@huggingface/tokenizers").Tokenizer>;

/**
 * Built-in `huggingface`: a Hugging Face tokenizer.json (and the tokenizer_config.json beside it,
 * when there is one), run by `@huggingface/tokenizers`, the pure-JS implementation. Takes any
 * source that resolved to a file; imports the library only then.
 */
export class HuggingFaceTokenizer implements Tokenizer {
  private inner: HfTokenizer | undefined;
  private label = "";

  get name(): string {
    return this.label;
  }

  async load(source: TokenizerSource): Promise<boolean> {
    if (source.file === undefined) return false;
    const json = JSON.parse(await readFile(source.file, "utf8")) as Record<string, unknown>;
    if (json === null || typeof json !== "object" || typeof json.model !== "object") {
      throw new Error('not a Hugging Face tokenizer.json (it has no "model" object)');
    }
    const config = await readOptionalJson(path.join(path.dirname(source.file), "tokenizer_config.json"));
    const { Tokenizer: HfTokenizerClass } = await import("@huggingface/tokenizers");
    this.inner = new HfTokenizerClass(json, config);
    this.label = source.spec;
    return true;
  }

  count(text: string): number {
    return this.encode(text).length;
  }

  // Special tokens (BOS) are not added: counts are of the text itself, as AIPerf counts them.
  encode(text: string): number[] {
    return this.loaded().encode(text, { add_special_tokens: false }).ids;
  }

  decode(ids: readonly number[]): string {
    return this.loaded().decode([...ids]);
  }

  private loaded(): HfTokenizer {
    if (this.inner === undefined) throw new Error("the huggingface tokenizer is used before load()");
    return this.inner;
  }
}

/** tokenizer_config.json is optional (a bare tokenizer.json works); a broken one is ignored the same way. */
async function readOptionalJson(file: string): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, "utf8"));
    return parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
