/**
 * What a service manager knows about one of its remote workers, for the `worker_report`
 * post-processor.
 * @public
 */
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
