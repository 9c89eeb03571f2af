import { APP_CONFIG, type AppConfig, type CreditSender, inject, monotonicNs, RequestRateGenerator, type TimingStrategy } from "aiperf";
import { sleepUntil } from "./sleepUntil.js";

/**
 * Built-in `request_rate`: an open loop at `timing.rate` requests per second. Send times follow
 * an absolute schedule (start + the sum of the generator's intervals), so timer lateness does
 * not accumulate; when behind, it sends at once to catch up. `timing.max_concurrency` caps
 * requests in flight (the schedule then waits for a free slot).
 */
export class RequestRateStrategy implements TimingStrategy {
  constructor(
    @inject(APP_CONFIG) private readonly config: AppConfig,
    @inject(RequestRateGenerator.token) private readonly generator: RequestRateGenerator,
  ) {}

  async run(sender: CreditSender): Promise<void> {
    const rate = this.config.timing.rate;
    if (rate === undefined) throw new Error('timing.strategy "request_rate" needs timing.rate (requests per second)');
    const max = this.config.timing.max_concurrency;
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
