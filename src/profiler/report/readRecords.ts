import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import { createInterface } from "node:readline";

/** Per-request values (times in seconds since the profiling phase began, latencies in ms; NaN: none). */
export interface RecordSeries {
  /** Lines read as records. */
  count: number;
  /** Lines that were not a record (skipped). */
  skipped: number;
  startS: number[];
  endS: number[];
  ttftMs: number[];
  latencyMs: number[];
  itlMs: number[];
  /** Whether the request failed (cancelled requests are neither failed nor successful). */
  failed: boolean[];
  /** Output tokens that arrived in each one-second bucket from time zero (negative times are dropped). */
  tokensPerBucket: number[];
}

export const RECORDS_FILE = "profile_records.jsonl";

const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

function addAt(buckets: number[], s: number, amount: number): void {
  if (!(s >= 0)) return;
  const i = Math.floor(s);
  while (buckets.length <= i) buckets.push(0);
  buckets[i] = (buckets[i] as number) + amount;
}

/** An empty series, for a run without a records file. */
export function emptySeries(): RecordSeries {
  return { count: 0, skipped: 0, startS: [], endS: [], ttftMs: [], latencyMs: [], itlMs: [], failed: [], tokensPerBucket: [] };
}

/**
 * Streams `profile_records.jsonl` line by line (a run may hold 100k requests: the file is never
 * read whole). `zeroNs` is the profiling phase's start on the records' monotonic clock.
 */
export async function readRecords(file: string, zeroNs: number | undefined): Promise<RecordSeries | undefined> {
  if (
    !(await access(file).then(
      () => true,
      () => false,
    ))
  )
    return undefined;
  const out = emptySeries();
  let zero = zeroNs;
  const lines = createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Number.POSITIVE_INFINITY });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(line) as Record<string, unknown>;
    } catch {
      out.skipped++;
      continue;
    }
    const start = num(r.startNs);
    const end = num(r.endNs);
    if (start === undefined || end === undefined) {
      out.skipped++;
      continue;
    }
    zero ??= start;
    addRecord(out, r, start, end, zero);
  }
  return out;
}

function addRecord(out: RecordSeries, r: Record<string, unknown>, start: number, end: number, zero: number): void {
  const failed = typeof r.error === "string" && r.cancelled !== true;
  const ok = r.error === undefined && r.cancelled !== true;
  const first = num(r.firstTokenNs);
  const tokens = Array.isArray(r.tokenNs) ? (r.tokenNs.filter((t) => typeof t === "number") as number[]) : [];
  out.count++;
  out.startS.push((start - zero) / 1e9);
  out.endS.push((end - zero) / 1e9);
  out.failed.push(failed);
  out.ttftMs.push(ok && first !== undefined ? (first - start) / 1e6 : Number.NaN);
  // The export's definitions (docs/metrics.md), so the histograms match their p50/p99 marks:
  // latency ends at the last content or reasoning chunk; ITL is per token, not per chunk.
  const last = tokens[tokens.length - 1];
  out.latencyMs.push(ok ? ((last ?? end) - start) / 1e6 : Number.NaN);
  const outputTokens = num(r.outputTokens) ?? 0;
  const osl = outputTokens + (num(r.reasoningTokens) ?? 0);
  out.itlMs.push(ok && osl >= 2 && first !== undefined && last !== undefined ? (last - first) / (osl - 1) / 1e6 : Number.NaN);
  if (!ok || outputTokens <= 0) return;
  // Tokens arrive with their chunks; without chunk times they are counted when the body ended.
  if (tokens.length === 0) addAt(out.tokensPerBucket, (end - zero) / 1e9, outputTokens);
  else for (const t of tokens) addAt(out.tokensPerBucket, (t - zero) / 1e9, outputTokens / tokens.length);
}
