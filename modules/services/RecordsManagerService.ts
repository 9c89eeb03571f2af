import { CommunicationClient, inject, type RequestRecord, type Service } from "aiperf";
import { type RecordMessage, Topic } from "./topics.js";

/** Built-in service `records_manager`: collects records from workers and hands each to whoever awaits it. */
export class RecordsManagerService implements Service {
  private readonly waiting = new Map<number, (record: RequestRecord) => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(@inject(CommunicationClient.token) private readonly client: CommunicationClient) {}

  async start(): Promise<void> {
    this.unsubscribe = this.client.onMessage(Topic.Record, (message) => {
      const { id, record } = message as RecordMessage;
      this.settle(id, record);
    });
  }

  /** Resolves with the record of request `id` when a worker sends it. */
  expect(id: number): Promise<RequestRecord> {
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  /** Settles request `id` without a worker (its worker died). */
  settle(id: number, record: RequestRecord): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.(record);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
  }
}
