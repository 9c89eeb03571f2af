import { distance } from "fastest-levenshtein";

/**
 * The candidate closest to `value` by edit distance, or undefined when nothing is close enough
 * to be a plausible typo (more than a third of the longer name differs).
 * @public
 */
export function closestName(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const needle = value.toLowerCase();
  for (const candidate of candidates) {
    const d = distance(needle, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.ceil(Math.max(needle.length, best.length) / 3));
  return bestDistance <= limit ? best : undefined;
}
