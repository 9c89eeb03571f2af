import { type CreditSender, inject, monotonicNs, PLUGIN_CONFIG, RequestRateGenerator, type TimingStrategy } from "aiperf";
import type { RequestRateConfig } from "./RequestRateConfig.js";
import { sleepUntil } from "./sleepUntil.js";

/**
 * Built-in `request_rate`: an open loop at `timing.rate` requests per second. Send times follow
 * an absolute schedule (start + the sum of the generator's intervals), so timer lateness does
 * not accumulate; when behind, it sends at once to catch up. `timing.max_concurrency` caps
 * requests in flight (the schedule then waits for a free slot).
 */
export class RequestRateStrategy implements TimingStrategy {
  constructor(
    @inject(PLUGIN_CONFIG) private readonly config: RequestRateConfig,
    @inject(RequestRateGenerator.token) private readonly generator: RequestRateGenerator,
  ) {}

  /** Without `max_concurrency` an open loop has no bound of its own. */
  maxInFlight(): number | undefined {
    return this.config.max_concurrency;
  }

  async run(sender: CreditSender): Promise<void> {
    const { rate, max_concurrency: max } = this.config;
    const inFlight = new Set<Promise<void>>();
    let next = monotonicNs();
    while (sender.canSend()) {
      await sleepUntil(next, sender.signal);
      if (!sender.canSend()) break;
      while (max !== undefined && inFlight.size >= max && !sender.signal.aborted) await Promise.race(inFlight);
      if (!sender.canSend()) break;
      const p = sender.send();
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
      next += this.generator.nextIntervalMs(rate) * 1e6;
    }
  }
}
