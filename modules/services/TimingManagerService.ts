import { type CreditSender, inject, type Service, TimingStrategy } from "aiperf";

/** Built-in service `timing_manager`: decides when credits go out, with the configured timing strategy. */
export class TimingManagerService implements Service {
  constructor(@inject(TimingStrategy.token) private readonly timing: TimingStrategy) {}

  async start(): Promise<void> {}

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }

  async stop(): Promise<void> {}
}
