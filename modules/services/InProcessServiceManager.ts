import {
  type CreditSender,
  Endpoint,
  executeRequest,
  inject,
  type RequestJob,
  type RequestRecord,
  type ServiceContext,
  type ServiceManager,
  TimingStrategy,
  Transport,
} from "aiperf";

/** Built-in `in_process`: credits are issued and requests executed on the main thread. */
export class InProcessServiceManager implements ServiceManager {
  constructor(
    @inject(TimingStrategy.token) private readonly timing: TimingStrategy,
    @inject(Endpoint.token) readonly endpoint: Endpoint,
    @inject(Transport.token) readonly transport: Transport,
  ) {}

  async open(context: ServiceContext): Promise<void> {
    this.transport.open(context.transport);
  }

  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord> {
    return executeRequest(job, this, signal);
  }

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }
}
