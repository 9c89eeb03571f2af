import { APP_CONFIG, type AppConfig, type CreditSender, inject, type TimingStrategy } from "aiperf";

/** Built-in `concurrency`: keeps `timing.concurrency` requests in flight until the phase is done. */
export class ConcurrencyStrategy implements TimingStrategy {
  constructor(@inject(APP_CONFIG) private readonly config: AppConfig) {}

  async run(sender: CreditSender): Promise<void> {
    const worker = async () => {
      while (sender.canSend()) await sender.send();
    };
    await Promise.all(Array.from({ length: this.config.timing.concurrency }, worker));
  }
}
