import type { RequestRecord } from "../model/RequestRecord.js";
import { percentileSorted } from "../util/stats.js";

/**
 * The time to first token of the most recent successful requests, in a fixed-size ring. Each
 * record is added once as it ends (one ring write), so a progress tick costs a sort of at most
 * `capacity` numbers whatever the request rate, and never reads records back out of their columns
 * (that cost up to 0.6 ms per tick at 500 req/s, long enough to make a scheduled send late).
 */
export class RecentTtft {
  private readonly ring: Float64Array;
  private size = 0;
  private next = 0;

  constructor(capacity = 512) {
    this.ring = new Float64Array(capacity);
  }

  /** Adds one ended request (failed ones and those without a first token are left out). */
  add(r: RequestRecord): void {
    if (r.error !== undefined || r.cancelled || r.firstTokenNs === undefined) return;
    this.ring[this.next] = (r.firstTokenNs - r.startNs) / 1e6;
    this.next = (this.next + 1) % this.ring.length;
    if (this.size < this.ring.length) this.size++;
  }

  /** The median of what the ring holds (undefined before the first token arrived). */
  p50Ms(): number | undefined {
    if (this.size === 0) return undefined;
    const sorted = this.ring.slice(0, this.size).sort();
    return percentileSorted(Array.from(sorted), 50);
  }
}
