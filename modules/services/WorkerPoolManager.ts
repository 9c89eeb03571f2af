import os from "node:os";
import {
  AiperfError,
  Communication,
  type CreditSender,
  failedRecord,
  inject,
  LOGGER,
  type Logger,
  monotonicNs,
  named,
  PLUGIN_CONFIG,
  type RequestJob,
  type RequestRecord,
  Service,
  type ServiceContext,
  type ServiceManager,
} from "aiperf";
import { CancelOnAbort } from "./CancelOnAbort.js";
import type { MultiprocessConfig } from "./MultiprocessConfig.js";
import type { RecordsManagerService } from "./RecordsManagerService.js";
import type { TimingManagerService } from "./TimingManagerService.js";
import { type RecordMessage, Topic } from "./topics.js";

interface Pending {
  job: RequestJob;
  dispatchedNs: number;
}

/** One local worker (a thread or a child process) and the requests it has in flight. */
export interface WorkerSlot<W> {
  /** What records carry in `worker` (`thread-N`, `worker-N`). */
  name: string;
  handle: W;
  alive: boolean;
  ready: boolean;
  pending: Map<number, Pending>;
}

/**
 * What `threads` and `multiprocess` share: the timing and records managers stay in this process,
 * credits go to the least-loaded live worker, records coming back are stamped with the worker's
 * name and published on the app's `communication` bus, and a worker that dies fails only its
 * in-flight requests. Subclasses start their workers and carry the messages (how a credit, a
 * cancel and a stop reach a worker).
 */
export abstract class WorkerPoolManager<W> implements ServiceManager {
  protected slots: WorkerSlot<W>[] = [];
  /** Which worker has each in-flight request (records may arrive on a shared channel). */
  private readonly owner = new Map<number, WorkerSlot<W>>();
  private nextId = 0;
  private readonly cancels = new CancelOnAbort();
  /** Set by `close`: an `open` still under way (a Ctrl-C while workers start) must start nothing more. */
  protected closing = false;

  constructor(
    @inject(Service.token) @named("timing_manager") protected readonly timing: Pick<TimingManagerService, "run"> & Service,
    @inject(Service.token) @named("records_manager") protected readonly records: Pick<RecordsManagerService, "expect" | "settle"> & Service,
    @inject(Communication.token) protected readonly bus: Communication,
    @inject(PLUGIN_CONFIG) protected readonly config: MultiprocessConfig,
    @inject(LOGGER) protected readonly logger: Logger,
  ) {}

  abstract open(context: ServiceContext): Promise<void>;

  /** The failure reason of a credit issued when every worker is gone. */
  protected abstract readonly noWorkerLeft: string;

  /** Hands a credit to one worker. */
  protected abstract send(slot: WorkerSlot<W>, id: number, job: RequestJob): void;

  /** Tells every live worker to cancel its requests (the run was aborted). */
  protected abstract cancelAll(): void;

  /** Asks a worker to stop and waits (bounded) for it to exit. */
  protected abstract stop(slot: WorkerSlot<W>): Promise<void>;

  /** Called once when a worker is lost, before its requests are failed. */
  protected forget(_slot: WorkerSlot<W>): void {}

  /** How many workers to start and how many connections each gets (the total split between them). */
  protected share(context: ServiceContext): { count: number; transportOf: (index: number) => ServiceContext["transport"]; each: string } {
    const count = this.config.workers ?? os.availableParallelism();
    const { connections, prewarm } = context.transport;
    // Split exactly (the first ones take the remainder): the run's budget is the total, not each worker's.
    const part = (total: number, index: number) => Math.floor(total / count) + (index < total % count ? 1 : 0);
    const transportOf = (index: number): ServiceContext["transport"] => {
      const own = { ...context.transport, connections: Math.max(1, part(connections, index)) };
      if (prewarm !== undefined) own.prewarm = part(prewarm, index);
      return own;
    };
    const low = Math.max(1, part(connections, count - 1));
    const high = Math.max(1, part(connections, 0));
    return { count, transportOf, each: low === high ? `${high}` : `${low}-${high}` };
  }

  protected addSlot(name: string, handle: W): WorkerSlot<W> {
    const slot: WorkerSlot<W> = { name, handle, alive: true, ready: false, pending: new Map() };
    this.slots.push(slot);
    return slot;
  }

  /** The workers that have started, for diagnostics (and tests that kill one). */
  protected started(): readonly W[] {
    return this.slots.filter((s) => s.ready).map((s) => s.handle);
  }

  /** The worker that had request `message.id`, if it is still in flight. */
  protected ownerOf(id: number): WorkerSlot<W> | undefined {
    return this.owner.get(id);
  }

  /** A record came back from `slot`: it is no longer in flight; the records manager takes it from the bus. */
  protected received(slot: WorkerSlot<W>, message: RecordMessage): void {
    this.owner.delete(message.id);
    slot.pending.delete(message.id);
    message.record.worker = slot.name;
    this.bus.publish(Topic.Record, message);
  }

  /** A dead worker fails what it had in flight; the run continues on the others. */
  protected lost(slot: WorkerSlot<W>, reason: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    this.forget(slot);
    if (slot.pending.size > 0) this.logger.warn(`${reason}: ${slot.pending.size} request(s) in flight counted as errors`);
    for (const [id, p] of slot.pending) {
      this.owner.delete(id);
      this.records.settle(id, { ...failedRecord(p.job, p.dispatchedNs, reason), worker: slot.name });
    }
    slot.pending.clear();
  }

  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord> {
    let slot: WorkerSlot<W> | undefined;
    for (const s of this.slots) if (s.alive && s.ready && (!slot || s.pending.size < slot.pending.size)) slot = s;
    const dispatchedNs = monotonicNs();
    if (!slot) return Promise.resolve(failedRecord(job, dispatchedNs, this.noWorkerLeft));
    const id = ++this.nextId;
    const record = this.records.expect(id);
    slot.pending.set(id, { job, dispatchedNs });
    this.owner.set(id, slot);
    this.send(slot, id, job);
    this.cancels.watch(signal, () => this.cancelAll());
    return record;
  }

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }

  /** Throws when `close` came while `open` was awaiting: what it would start next would outlive the run. */
  protected stillOpening(): void {
    if (this.closing) throw new AiperfError("AIPERF_WORKER_FAILED", "the request side was closed while its workers were starting (interrupted)");
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.timing.stop();
    await this.records.stop();
    const slots = this.slots;
    this.slots = [];
    await Promise.all(slots.map((slot) => this.stop(slot)));
  }

  /** Waits for `exited`; a worker still running after 2 s is killed. Never waits longer than 3 s. */
  protected async awaitExit(exited: Promise<unknown>, kill: () => void): Promise<void> {
    const timer = setTimeout(kill, 2000);
    let fallback: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (fallback = setTimeout(resolve, 3000)))]);
    clearTimeout(timer);
    clearTimeout(fallback);
  }
}
