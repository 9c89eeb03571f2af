import { setMaxListeners } from "node:events";
import { CommunicationClient, Endpoint, inject, type RequestJob, type RequestRecord, runRequest, type Service, type ServiceContext, Transport } from "aiperf";
import { type CreditMessage, Topic } from "./topics.js";

/**
 * Built-in service `worker`: executes the credits it receives and sends back their records
 * (`cancel` stops everything it has in flight),
 * talking only through its `communication_client` (in process, or over a worker thread's port).
 */
export class WorkerService implements Service {
  /**
   * One controller for everything in flight, replaced after each cancel: a fresh AbortSignal per
   * request costs ~10 µs once a listener is attached, more than the rest of the request path.
   */
  private inFlight = new AbortController();
  private unsubscribe: (() => void)[] = [];
  private readonly deps: { endpoint: Endpoint; transport: Transport };

  constructor(
    @inject(CommunicationClient.token) private readonly client: CommunicationClient,
    @inject(Endpoint.token) endpoint: Endpoint,
    @inject(Transport.token) private readonly transport: Transport,
  ) {
    this.deps = { endpoint, transport };
  }

  async start(context?: ServiceContext): Promise<void> {
    if (!context) throw new Error("the worker service needs the run's context (transport options)");
    this.transport.open(context.transport);
    // Connections opened before the first timed request (endpoint.prewarm), so none waits for one.
    if (context.transport.prewarm) await this.transport.prewarm?.(context.transport.prewarm);
    setMaxListeners(0, this.inFlight.signal);
    this.unsubscribe = [
      this.client.onMessage(Topic.Credit, (message) => {
        const credit = message as CreditMessage;
        this.run(credit.id, credit.job);
      }),
      this.client.onMessage(Topic.Cancel, () => {
        const cancelled = this.inFlight;
        this.inFlight = new AbortController();
        setMaxListeners(0, this.inFlight.signal);
        cancelled.abort();
      }),
    ];
  }

  /** One request: one callback, no promise (the transport's `dispatch` when it has one). */
  private run(id: number, job: RequestJob): void {
    runRequest(job, this.deps, this.inFlight.signal, (record: RequestRecord) => this.client.send(Topic.Record, { id, record }));
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await this.transport.close();
  }
}
