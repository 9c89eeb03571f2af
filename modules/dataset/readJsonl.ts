import { readFile, stat } from "node:fs/promises";
import { DatasetInvalidError, type Logger, type Turn } from "aiperf";

/** One parsed line of a JSONL file, with its 1-based line number. */
export interface JsonlRow {
  line: number;
  value: Record<string, unknown>;
}

/** Collects problems of a dataset file and decides, at the end, whether the run may start. */
export class DatasetProblems {
  readonly list: { line: number; message: string }[] = [];

  constructor(readonly file: string) {}

  add(line: number, message: string): void {
    this.list.push({ line, message });
  }

  /** Throws `AIPERF_DATASET_INVALID` unless skipping is allowed; then reports every skipped line. */
  settle(skip: boolean, logger: Logger): void {
    if (this.list.length === 0) return;
    this.list.sort((a, b) => a.line - b.line);
    if (!skip) throw new DatasetInvalidError(this.file, this.list);
    for (const p of this.list) logger.warn(`skipped ${this.file}:${p.line}: ${p.message}`);
    logger.warn(`skipped ${this.list.length} malformed line(s) in ${this.file} (dataset.skip_invalid_lines)`);
  }
}

/** The largest dataset file read (a trace of millions of lines fits well below it). */
export const MAX_DATASET_BYTES = 512 * 1024 * 1024;

/** Reads a JSONL file: one JSON object per line; blank lines are ignored; bad lines become problems. */
export async function readJsonl(file: string, problems: DatasetProblems): Promise<JsonlRow[]> {
  let text: string;
  try {
    // Reading a FIFO (or a device) waits for a writer forever, and not even SIGTERM ends that wait
    // (the run has not started): only regular files are read.
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error("not a regular file"), { code: "not a regular file" });
    // The whole file and its rows live in memory: refuse what would not fit rather than crash.
    if (info.size > MAX_DATASET_BYTES)
      throw Object.assign(new Error("too large"), { code: `${info.size} bytes, over the ${MAX_DATASET_BYTES / 1024 / 1024} MiB limit` });
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new DatasetInvalidError(file, [{ line: 0, message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}` }]);
  }
  const rows: JsonlRow[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] as string).trim();
    if (raw === "") continue;
    try {
      const value = JSON.parse(raw) as unknown;
      if (value === null || typeof value !== "object" || Array.isArray(value)) problems.add(i + 1, "expected a JSON object");
      else rows.push({ line: i + 1, value: value as Record<string, unknown> });
    } catch (error) {
      problems.add(i + 1, `not valid JSON (${(error as Error).message})`);
    }
  }
  return rows;
}

/** A positive integer field, or a problem. */
export function positiveInt(row: JsonlRow, key: string, problems: DatasetProblems, optional = false): number | undefined {
  const v = row.value[key];
  if (v === undefined && optional) return undefined;
  if (typeof v === "number" && Number.isInteger(v) && v > 0) return v;
  problems.add(row.line, `"${key}" must be a positive integer${v === undefined ? " (missing)" : `, got ${JSON.stringify(v)}`}`);
  return undefined;
}

/**
 * Reads a JSONL dataset into turns: `toTurn` maps one row (adding problems for what is wrong with
 * it); at the end, bad lines stop the run unless `skip` is set.
 */
export async function loadJsonlTurns(
  file: string,
  skip: boolean,
  logger: Logger,
  toTurn: (row: JsonlRow, problems: DatasetProblems) => Turn | undefined,
): Promise<Turn[]> {
  const problems = new DatasetProblems(file);
  const turns: Turn[] = [];
  for (const row of await readJsonl(file, problems)) {
    const turn = toTurn(row, problems);
    if (turn) turns.push(turn);
  }
  problems.settle(skip, logger);
  return turns;
}
