import { APP_CONFIG, type AppConfig, type ComposeOptions, createRng, type DatasetComposer, inject, normal, type Rng, type Turn } from "aiperf";
import { promptOfTokens } from "./promptOfTokens.js";

const VOCABULARY =
  "time person year way day thing man world life hand part child eye woman place work week case point government company number group problem fact model token latency stream server request answer question system data".split(
    " ",
  );

/**
 * Built-in `synthetic`: prompts of `dataset.input_tokens_mean` ± stddev tokens, asking for
 * `output_tokens_mean` ± stddev tokens via `max_tokens` (and, with `dataset.synthetic.ignore_eos`,
 * `ignore_eos` and `min_tokens`). With the run's tokenizer a prompt has exactly the sampled number
 * of tokens, tokenized back; without one, that many words. Deterministic for a given `dataset.seed`.
 */
export class SyntheticComposer implements DatasetComposer {
  constructor(@inject(APP_CONFIG) private readonly config: AppConfig) {}

  async compose(count: number, options: ComposeOptions = {}): Promise<Turn[]> {
    const d = this.config.dataset;
    const rng = createRng(d.seed);
    const nextWord = () => VOCABULARY[Math.floor(rng() * VOCABULARY.length)] as string;
    const tokenizer = options.tokenizer;
    const turns: Turn[] = [];
    for (let i = 0; i < count; i++) {
      const inputTokens = sampleLength(rng, d.input_tokens_mean, d.input_tokens_stddev);
      const outputTokens = sampleLength(rng, d.output_tokens_mean, d.output_tokens_stddev);
      const content = tokenizer ? promptOfTokens(tokenizer, inputTokens, nextWord) : wordsOf(inputTokens, nextWord);
      turns.push({
        id: `synthetic-${i}`,
        messages: [{ role: "user", content }],
        inputTokens,
        outputTokens,
        ...(d.synthetic.ignore_eos ? { ignoreEos: true } : {}),
      });
    }
    return turns;
  }
}

function sampleLength(rng: Rng, mean: number, stddev: number): number {
  return Math.max(1, Math.round(normal(rng, mean, stddev)));
}

function wordsOf(n: number, nextWord: () => string): string {
  const words: string[] = new Array(n);
  for (let w = 0; w < n; w++) words[w] = nextWord();
  return words.join(" ");
}
