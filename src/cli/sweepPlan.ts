import { UsageError } from "../kernel/errors/errors.js";

/** A load sweep: one profile per value, each into `<output>/<folder>/`. */
export interface SweepPlan {
  /** The flag swept. */
  flag: "concurrency" | "requestRate";
  values: string[];
  /** Each value's folder name: `concurrency_4`, `request_rate_50`. */
  folders: string[];
}

function parseList(flag: string, text: string, integer: boolean): string[] {
  const values = text.split(",").map((v) => v.trim());
  for (const v of values) {
    const n = Number(v);
    const ok = v !== "" && Number.isFinite(n) && n > 0 && (!integer || Number.isInteger(n));
    if (!ok)
      throw new UsageError(
        `${flag} expects ${integer ? "whole numbers" : "numbers"} above 0, separated by commas (e.g. ${integer ? "1,4,16,64" : "10,50,100"})`,
      );
  }
  if (new Set(values.map(Number)).size !== values.length) throw new UsageError(`${flag}: a value is listed twice`);
  return values;
}

/**
 * The sweep `--concurrency 1,4,16` or `--request-rate 10,50,100` asks for; undefined for a single
 * value. One flag is swept at a time: with `--request-rate` listed, `--concurrency` stays the cap.
 */
export function sweepPlan(flags: { concurrency?: string; requestRate?: string }): SweepPlan | undefined {
  const rates = flags.requestRate?.includes(",") ? parseList("--request-rate", flags.requestRate, false) : undefined;
  const levels = flags.concurrency?.includes(",") ? parseList("--concurrency", flags.concurrency, true) : undefined;
  if (rates && levels) throw new UsageError("sweep one flag at a time: give either --concurrency or --request-rate a list, not both");
  if (rates) return { flag: "requestRate", values: rates, folders: rates.map((v) => `request_rate_${v}`) };
  if (levels) return { flag: "concurrency", values: levels, folders: levels.map((v) => `concurrency_${v}`) };
  return undefined;
}
