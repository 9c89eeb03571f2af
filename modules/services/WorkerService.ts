import { CommunicationClient, Endpoint, executeRequest, inject, type Service, type ServiceContext, Transport } from "aiperf";
import { type CancelMessage, type CreditMessage, Topic } from "./topics.js";

/**
 * Built-in service `worker`: executes the credits it receives and sends back their records,
 * talking only through its `communication_client` (in process, or over a worker thread's port).
 */
export class WorkerService implements Service {
  private readonly running = new Map<number, AbortController>();
  private unsubscribe: (() => void)[] = [];

  constructor(
    @inject(CommunicationClient.token) private readonly client: CommunicationClient,
    @inject(Endpoint.token) private readonly endpoint: Endpoint,
    @inject(Transport.token) private readonly transport: Transport,
  ) {}

  async start(context?: ServiceContext): Promise<void> {
    if (!context) throw new Error("the worker service needs the run's context (transport options)");
    this.transport.open(context.transport);
    const deps = { endpoint: this.endpoint, transport: this.transport };
    this.unsubscribe = [
      this.client.onMessage(Topic.Credit, (message) => {
        const { id, job } = message as CreditMessage;
        const controller = new AbortController();
        this.running.set(id, controller);
        void executeRequest(job, deps, controller.signal).then((record) => {
          this.running.delete(id);
          this.client.send(Topic.Record, { id, record });
        });
      }),
      this.client.onMessage(Topic.Cancel, (message) => this.running.get((message as CancelMessage).id)?.abort()),
    ];
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await this.transport.close();
  }
}
