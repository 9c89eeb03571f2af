import path from "node:path";
import type { DataExporter, MetricResult, ProfileResults } from "aiperf";
import { errorSummary } from "./aiperfErrors.js";
import { AIPERF_STATS, aiperfName, isDistribution } from "./aiperfNames.js";
import { writeLinesAtomic } from "./writeLinesAtomic.js";

/** One metric as AIPerf writes it: `{ unit, avg, p1…p99, min, max, std }`, or `{ unit, avg }` for one value. */
function metricEntry(m: MetricResult): [string, Record<string, unknown>] {
  const name = aiperfName(m);
  const scale = name.scale ?? 1;
  const entry: Record<string, unknown> = { unit: name.unit };
  const stats = isDistribution(m) ? AIPERF_STATS : (["avg"] as const);
  for (const s of stats) if (m[s] !== undefined) entry[s] = (m[s] as number) * scale;
  return [name.tag, entry];
}

/** `"key": value` lines of the top-level object, one at a time. */
function* members(results: ProfileResults): Generator<[string, unknown]> {
  for (const m of results.metrics) yield metricEntry(m);
  const endMs = Date.parse(results.startedAt) + results.durationS * 1000;
  yield ["was_cancelled", results.interrupted];
  yield ["start_time", results.startedAt];
  yield ["end_time", new Date(endMs).toISOString()];
  yield ["error_summary", errorSummary(results.errors)];
  if (results.thresholds) yield ["thresholds", results.thresholds];
  // Our config (secrets masked), not AIPerf's: the key is where AIPerf readers look for it.
  yield ["input_config", results.config];
}

/**
 * Built-in `aiperf_json`: `profile_export_aiperf.json`, NVIDIA AIPerf's aggregate file: one
 * top-level key per metric tag (AIPerf's tags and units), then `was_cancelled`, `start_time`,
 * `end_time`, `error_summary` and `input_config`. Written as a stream, one member at a time.
 */
export class AiperfJsonExporter implements DataExporter {
  async export(results: ProfileResults, dir: string): Promise<string[]> {
    const file = path.join(dir, "profile_export_aiperf.json");
    await writeLinesAtomic(file, lines(results));
    return [file];
  }
}

function* lines(results: ProfileResults): Generator<string> {
  yield "{";
  let first = true;
  for (const [key, value] of members(results)) {
    const body = JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");
    yield `${first ? "" : ","}\n  ${JSON.stringify(key)}: ${body}`;
    first = false;
  }
  yield "\n}\n";
}
