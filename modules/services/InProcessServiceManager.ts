import { type CreditSender, inject, type ServiceManager, TimingStrategy } from "aiperf";

/** Built-in `in_process`: the timing strategy issues credits on this thread. */
export class InProcessServiceManager implements ServiceManager {
  constructor(@inject(TimingStrategy.token) private readonly timing: TimingStrategy) {}

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }
}
