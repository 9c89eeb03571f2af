import os from "node:os";
import { Worker } from "node:worker_threads";
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
import { workerContext } from "./workerContext.js";

interface Pending {
  job: RequestJob;
  dispatchedNs: number;
}

interface WorkerSlot {
  index: number;
  worker: Worker;
  alive: boolean;
  ready: boolean;
  pending: Map<number, Pending>;
}

/**
 * Built-in `threads`: the timing manager and records manager stay on the main thread; N
 * worker threads (`service_manager.workers`, default one per core) each run a `worker` service in
 * their own app, with their own transport and connection pool, talking through the
 * `worker_port` communication client. This manager carries their envelopes: credits to the
 * least-loaded worker's port, records from the ports into the main `communication` bus, where the
 * records manager takes them. Timestamps are CLOCK_MONOTONIC, the same clock in every thread. A
 * worker that dies fails its in-flight requests (as errors naming it); the others carry on.
 */
export class ThreadsServiceManager implements ServiceManager {
  private slots: WorkerSlot[] = [];
  private nextId = 0;
  private readonly cancels = new CancelOnAbort();

  constructor(
    @inject(Service.token) @named("timing_manager") private readonly timing: Pick<TimingManagerService, "run"> & Service,
    @inject(Service.token) @named("records_manager") private readonly records: Pick<RecordsManagerService, "expect" | "settle"> & Service,
    @inject(Communication.token) private readonly bus: Communication,
    @inject(PLUGIN_CONFIG) private readonly config: MultiprocessConfig,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The worker threads that have started, for diagnostics (and tests that kill one). */
  threads(): readonly Worker[] {
    return this.slots.filter((s) => s.ready).map((s) => s.worker);
  }

  async open(context: ServiceContext): Promise<void> {
    const count = this.config.workers ?? os.availableParallelism();
    const connections = Math.max(1, Math.ceil(context.transport.connections / count));
    await this.records.start(context);
    await this.timing.start(context);
    const script = new URL("./creditWorker.js", import.meta.url);
    const starting = Array.from({ length: count }, (_, index) => {
      const worker = new Worker(script, { workerData: { context: { ...workerContext(context), transport: { ...context.transport, connections } } } });
      const slot: WorkerSlot = { index, worker, alive: true, ready: false, pending: new Map() };
      this.slots.push(slot);
      return new Promise<void>((resolve, reject) => {
        worker.on("message", (envelope: { topic: string; message: unknown }) => {
          if (envelope.topic === Topic.Record) {
            const message = envelope.message as RecordMessage;
            slot.pending.delete(message.id);
            message.record.worker = `thread-${index + 1}`;
            this.bus.publish(Topic.Record, message);
          } else if (envelope.topic === "ready") {
            slot.ready = true;
            resolve();
          } else if (envelope.topic === "failed") {
            reject(new AiperfError("AIPERF_WORKER_FAILED", `worker ${index + 1} could not start: ${String(envelope.message)}`));
          }
        });
        worker.on("error", (error) => this.lost(slot, `worker ${index + 1} failed: ${error.message}`));
        worker.on("exit", (code) => {
          this.lost(slot, `worker ${index + 1} exited (code ${code})`);
          reject(new AiperfError("AIPERF_WORKER_FAILED", `worker ${index + 1} exited (code ${code}) while starting`));
        });
      });
    });
    try {
      await Promise.all(starting);
    } catch (error) {
      await this.close();
      throw error;
    }
    this.logger.info(`threads: ${count} worker thread(s), ${connections} connection(s) each`);
  }

  /** A dead worker fails what it had in flight; the run continues on the others. */
  private lost(slot: WorkerSlot, reason: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    if (slot.pending.size > 0) this.logger.warn(`${reason}: ${slot.pending.size} request(s) in flight counted as errors`);
    for (const [id, p] of slot.pending) this.records.settle(id, { ...failedRecord(p.job, p.dispatchedNs, reason), worker: `thread-${slot.index + 1}` });
    slot.pending.clear();
  }

  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord> {
    let slot: WorkerSlot | undefined;
    for (const s of this.slots) if (s.alive && (!slot || s.pending.size < slot.pending.size)) slot = s;
    const dispatchedNs = monotonicNs();
    if (!slot) return Promise.resolve(failedRecord(job, dispatchedNs, "no worker thread is left"));
    const target = slot;
    const id = ++this.nextId;
    const record = this.records.expect(id);
    target.pending.set(id, { job, dispatchedNs });
    target.worker.postMessage({ topic: Topic.Credit, message: { id, job } });
    this.cancels.watch(signal, () => {
      for (const s of this.slots) if (s.alive) s.worker.postMessage({ topic: Topic.Cancel, message: {} });
    });
    return record;
  }

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }

  async close(): Promise<void> {
    await this.timing.stop();
    await this.records.stop();
    const slots = this.slots;
    this.slots = [];
    await Promise.all(
      slots.map(async (slot) => {
        if (!slot.alive) return;
        const exited = new Promise((resolve) => slot.worker.once("exit", resolve));
        slot.worker.postMessage({ topic: "stop" });
        // A worker that does not finish closing in 2 s is terminated; never wait longer than 3 s.
        const timer = setTimeout(() => void slot.worker.terminate(), 2000);
        let fallback: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((resolve) => (fallback = setTimeout(resolve, 3000)))]);
        clearTimeout(timer);
        clearTimeout(fallback);
      }),
    );
  }
}
