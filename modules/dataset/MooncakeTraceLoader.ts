import { APP_CONFIG, type AppConfig, type CustomDatasetLoader, createRng, inject, LOGGER, type Logger, type Turn } from "aiperf";
import { type DatasetProblems, type JsonlRow, loadJsonlTurns, positiveInt } from "./readJsonl.js";

/** Tokens per hash block in Mooncake traces. */
const BLOCK = 512;
const VOCABULARY = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon phi chi psi omega".split(" ");

/** The words of one hash block: the same id always gives the same text, so shared ids share prefixes. */
function blockWords(id: number, length: number): string[] {
  const rng = createRng(id + 1);
  return Array.from({ length }, () => VOCABULARY[Math.floor(rng() * VOCABULARY.length)] as string);
}

/**
 * Built-in `mooncake_trace`: JSONL with `timestamp` (ms), `input_length`, `output_length` and an
 * optional `hash_ids` list (one id per 512-token block: equal ids give equal prompt blocks, so
 * prefix caching behaves as in the traced workload). Turns keep their timestamps for
 * `fixed_schedule`. Every bad line is reported as file:line.
 */
export class MooncakeTraceLoader implements CustomDatasetLoader {
  constructor(
    @inject(APP_CONFIG) private readonly config: AppConfig,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  load(file: string): Promise<Turn[]> {
    return loadJsonlTurns(file, this.config.dataset.skip_invalid_lines, this.logger, (row, problems) => this.turn(row, problems));
  }

  private turn(row: JsonlRow, problems: DatasetProblems): Turn | undefined {
    const before = problems.list.length;
    const ts = row.value.timestamp;
    if (typeof ts !== "number" || !Number.isFinite(ts) || ts < 0)
      problems.add(row.line, `"timestamp" must be a number of milliseconds ≥ 0${ts === undefined ? " (missing)" : `, got ${JSON.stringify(ts)}`}`);
    const input = positiveInt(row, "input_length", problems);
    const output = positiveInt(row, "output_length", problems);
    const hashIds = row.value.hash_ids;
    if (hashIds !== undefined && !(Array.isArray(hashIds) && hashIds.every((h) => Number.isInteger(h) && h >= 0)))
      problems.add(row.line, '"hash_ids" must be a list of non-negative integers');
    if (problems.list.length > before || input === undefined || output === undefined) return undefined;
    const words: string[] = [];
    const ids = (hashIds as number[] | undefined) ?? [];
    for (const id of ids) {
      if (words.length >= input) break;
      words.push(...blockWords(id, Math.min(BLOCK, input - words.length)));
    }
    if (words.length < input) words.push(...blockWords(1_000_000 + row.line, input - words.length));
    return {
      id: `line-${row.line}`,
      messages: [{ role: "user", content: words.join(" ") }],
      inputTokens: input,
      outputTokens: output,
      timestampMs: ts as number,
    };
  }
}
