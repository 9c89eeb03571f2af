import { applyTokenCounts, CommunicationClient, inject, type RequestRecord, type Service, type ServiceContext, type Tokenizer } from "aiperf";
import { type RecordMessage, Topic } from "./topics.js";

/** `tokenizer.use_server_usage` of the run's config (`--use-server-token-count`), read defensively: an embedding host's config may have no such section. */
function prefersServerCounts(config: Record<string, unknown> | undefined): boolean {
  const section = config?.tokenizer;
  return typeof section === "object" && section !== null && (section as { use_server_usage?: unknown }).use_server_usage === true;
}

/**
 * Built-in service `records_manager`: collects records from workers and hands each to whoever
 * awaits it. It is the one place every record passes on the main thread, whichever service
 * manager runs the workers, so token counts are settled here (the tokenizer runs off the request
 * path, and worker threads never need one).
 */
export class RecordsManagerService implements Service {
  private readonly waiting = new Map<number, (record: RequestRecord) => void>();
  private unsubscribe: (() => void) | undefined;
  private tokenizer: Tokenizer | undefined;
  private preferServer = false;

  constructor(@inject(CommunicationClient.token) private readonly client: CommunicationClient) {}

  async start(context?: ServiceContext): Promise<void> {
    this.tokenizer = context?.tokenizer;
    this.preferServer = prefersServerCounts(context?.config);
    this.unsubscribe = this.client.onMessage(Topic.Record, (message) => {
      const { id, record } = message as RecordMessage;
      this.settle(id, record);
    });
  }

  /** Resolves with the record of request `id` when a worker sends it. */
  expect(id: number): Promise<RequestRecord> {
    return new Promise((resolve) => this.waiting.set(id, resolve));
  }

  /** Settles request `id` (also without a worker: its worker died), its tokens counted. */
  settle(id: number, record: RequestRecord): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    applyTokenCounts(record, this.tokenizer, this.preferServer);
    resolve?.(record);
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
  }
}
