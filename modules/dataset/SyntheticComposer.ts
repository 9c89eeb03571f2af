import { APP_CONFIG, type AppConfig, createRng, type DatasetComposer, inject, normal, type Turn } from "aiperf";

const VOCABULARY =
  "time person year way day thing man world life hand part child eye woman place work week case point government company number group problem fact model token latency stream server request answer question system data".split(
    " ",
  );

/**
 * Built-in `synthetic`: prompts of `dataset.input_tokens_mean` ± stddev words (one word is
 * counted as one token), asking for `output_tokens_mean` ± stddev tokens via `max_tokens`.
 * Deterministic for a given `dataset.seed`.
 */
export class SyntheticComposer implements DatasetComposer {
  constructor(@inject(APP_CONFIG) private readonly config: AppConfig) {}

  async compose(count: number): Promise<Turn[]> {
    const d = this.config.dataset;
    const rng = createRng(d.seed);
    const turns: Turn[] = [];
    for (let i = 0; i < count; i++) {
      const inputTokens = Math.max(1, Math.round(normal(rng, d.input_tokens_mean, d.input_tokens_stddev)));
      const outputTokens = Math.max(1, Math.round(normal(rng, d.output_tokens_mean, d.output_tokens_stddev)));
      const words: string[] = new Array(inputTokens);
      for (let w = 0; w < inputTokens; w++) words[w] = VOCABULARY[Math.floor(rng() * VOCABULARY.length)] as string;
      turns.push({ id: `synthetic-${i}`, messages: [{ role: "user", content: words.join(" ") }], inputTokens, outputTokens });
    }
    return turns;
  }
}
