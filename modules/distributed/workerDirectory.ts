/** What the controller knows about one worker, for the `worker_report` post-processor. */
export interface WorkerInfo {
  worker: string;
  host: string;
  pid: number;
  /** Worker clock minus controller clock (ns), from the lowest-round-trip ping. */
  clockOffsetNs?: number;
  /** Round trip of that ping (ns): the offset is good to ± half of it. */
  clockRttNs?: number;
  /** Why the worker was lost mid-run, when it was. */
  lost?: string;
}

/**
 * The workers of the process's current distributed run. Implementations are resolved per use
 * (transient), so the service manager and the post-processor share this module instead of an
 * instance; one distributed run per process at a time.
 */
export const workerDirectory = {
  workers: new Map<string, WorkerInfo>(),
  reset(): void {
    this.workers = new Map();
  },
};
