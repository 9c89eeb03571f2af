import { type CreditSender, inject, PLUGIN_CONFIG, type TimingStrategy } from "aiperf";
import type { ConcurrencyConfig } from "./ConcurrencyConfig.js";

/** Built-in `concurrency`: keeps `timing.concurrency` requests in flight until the phase is done. */
export class ConcurrencyStrategy implements TimingStrategy {
  constructor(@inject(PLUGIN_CONFIG) private readonly config: ConcurrencyConfig) {}

  maxInFlight(): number {
    return this.config.concurrency;
  }

  async run(sender: CreditSender): Promise<void> {
    const worker = async () => {
      while (sender.canSend()) await sender.send();
    };
    await Promise.all(Array.from({ length: this.config.concurrency }, worker));
  }
}
