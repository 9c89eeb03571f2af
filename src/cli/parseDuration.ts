import { UsageError } from "../kernel/errors/errors.js";

const UNITS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };

/** `60s`, `5m`, `1.5h`, `500ms` or a plain number of seconds → seconds; anything else is a usage error. */
export function parseDuration(flag: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNITS[match[2] ?? "s"] as number) : Number.NaN;
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new UsageError(`${flag} expects a positive duration such as 60s, 5m, 1h or 500ms (a plain number is seconds)`);
  }
  return seconds;
}
