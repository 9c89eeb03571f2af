/**
 * Calls `cancel` once when a signal aborts, listening once per signal rather than once per
 * request: a phase shares one signal among thousands of requests.
 */
export class CancelOnAbort {
  private readonly watched = new WeakSet<AbortSignal>();

  watch(signal: AbortSignal, cancel: () => void): void {
    if (this.watched.has(signal)) return;
    this.watched.add(signal);
    if (signal.aborted) cancel();
    else signal.addEventListener("abort", cancel, { once: true });
  }
}
