import type { RequestJob, RequestRecord } from "aiperf";
import { ClockEstimate } from "./ClockEstimate.js";

/** A credit sent to a worker and not yet answered. */
export interface InFlight {
  job: RequestJob;
  dispatchedNs: number;
}

/** The controller's view of one joined worker. */
export class RemoteWorker {
  ready = false;
  alive = true;
  lastHeardMs = performance.now();
  readonly pending = new Map<number, InFlight>();
  readonly clock = new ClockEstimate();
  /** Called on each pong (the clock sync waits for one before the next ping). */
  onPong: (() => void) | undefined;

  constructor(
    /** `w1`, `w2`, … in join order: the `worker` of its records. */
    readonly id: string,
    /** Its ZeroMQ routing id on the controller's ROUTER socket. */
    readonly identity: Buffer,
    readonly host: string,
    readonly pid: number,
  ) {}

  /** How it is named in logs and errors. */
  get label(): string {
    return `worker ${this.id} (pid ${this.pid} on ${this.host})`;
  }

  /**
   * The worker's record on the controller's clock: every timestamp it took shifts by the
   * estimated offset, so durations (TTFT, ITL, latency) stay exactly as the worker measured them.
   * `scheduledNs` came from the controller and stays as it is.
   */
  toControllerClock(record: RequestRecord): RequestRecord {
    const shift = (ns: number) => this.clock.toController(ns);
    record.startNs = shift(record.startNs);
    record.endNs = shift(record.endNs);
    if (record.issuedNs !== undefined) record.issuedNs = shift(record.issuedNs);
    if (record.firstTokenNs !== undefined) record.firstTokenNs = shift(record.firstTokenNs);
    if (record.firstContentNs !== undefined) record.firstContentNs = shift(record.firstContentNs);
    record.tokenNs = record.tokenNs.map(shift);
    record.worker = this.id;
    return record;
  }
}
