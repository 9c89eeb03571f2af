import {
  CommunicationClient,
  type CreditSender,
  inject,
  named,
  type RequestJob,
  type RequestRecord,
  Service,
  type ServiceContext,
  type ServiceManager,
} from "aiperf";
import { CancelOnAbort } from "./CancelOnAbort.js";
import type { RecordsManagerService } from "./RecordsManagerService.js";
import type { TimingManagerService } from "./TimingManagerService.js";
import { Topic } from "./topics.js";

/**
 * Built-in `in_process`: the timing manager, a worker and the records manager run on the main
 * thread and talk only through the `communication` protocol (credits out, records back, cancel).
 */
export class InProcessServiceManager implements ServiceManager {
  private nextId = 0;
  private readonly cancels = new CancelOnAbort();

  constructor(
    @inject(Service.token) @named("timing_manager") private readonly timing: Pick<TimingManagerService, "run"> & Service,
    @inject(Service.token) @named("worker") private readonly worker: Service,
    @inject(Service.token) @named("records_manager") private readonly records: Pick<RecordsManagerService, "expect"> & Service,
    @inject(CommunicationClient.token) private readonly client: CommunicationClient,
  ) {}

  async open(context: ServiceContext): Promise<void> {
    await this.records.start(context);
    await this.worker.start(context);
    await this.timing.start(context);
  }

  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord> {
    const id = ++this.nextId;
    const record = this.records.expect(id);
    this.client.send(Topic.Credit, { id, job });
    // When the phase cancels (timeout, interrupt), workers cancel what they have in flight.
    this.cancels.watch(signal, () => this.client.send(Topic.Cancel, {}));
    return record;
  }

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }

  async close(): Promise<void> {
    await this.timing.stop();
    await this.worker.stop();
    await this.records.stop();
  }
}
