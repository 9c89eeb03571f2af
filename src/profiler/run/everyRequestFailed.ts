/**
 * A phase in which requests finished and every one of them failed: the run exits 1 (a server that
 * answers nothing but errors measured nothing). The one rule for the run, the CLI and a sweep.
 */
export function everyRequestFailed(stats: { completed?: number | undefined; errors?: number | undefined } | undefined): boolean {
  const completed = stats?.completed ?? 0;
  return completed > 0 && stats?.errors === completed;
}
