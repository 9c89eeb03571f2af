import type { Command } from "commander";
import { UsageError } from "../kernel/errors/errors.js";

/** The metric flags of `aiperf profile`, as commander hands them over. */
export interface MetricFlags {
  goodput?: string;
  threshold?: string[];
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Registers `--goodput` and `--threshold` on the profile command. */
export function addMetricOptions(command: Command): Command {
  return command
    .option("--goodput <slos>", 'goodput SLOs in each metric\'s unit, e.g. "time_to_first_token:200 inter_token_latency:20"')
    .option("--threshold <expr>", 'pass/fail check, e.g. "p99(time_to_first_token)<300" or "error_rate<0.01" (repeatable; a failure exits 3)', collect, []);
}

/** `"time_to_first_token:200 inter_token_latency:20"` → `{ time_to_first_token: 200, inter_token_latency: 20 }`. */
export function parseGoodput(text: string): Record<string, number> {
  const slos: Record<string, number> = {};
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const colon = pair.lastIndexOf(":");
    const tag = colon > 0 ? pair.slice(0, colon) : "";
    const value = Number(pair.slice(colon + 1));
    if (!/^[A-Za-z_][\w-]*$/.test(tag) || pair.slice(colon + 1).trim() === "" || !Number.isFinite(value)) {
      throw new UsageError(`--goodput expects metric:number pairs, e.g. "time_to_first_token:200 inter_token_latency:20" (got "${pair}")`);
    }
    slos[tag] = value;
  }
  return slos;
}

/** The metric flags as `--set` assignments (checked against the enabled metrics when the run starts). */
export function metricFlagsToSet(flags: MetricFlags): string[] {
  const set: string[] = [];
  if (flags.goodput !== undefined) set.push(`goodput=${JSON.stringify(parseGoodput(flags.goodput))}`);
  if (flags.threshold && flags.threshold.length > 0) set.push(`thresholds=${JSON.stringify(flags.threshold)}`);
  return set;
}
