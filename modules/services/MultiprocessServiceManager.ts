import os from "node:os";
import { Worker } from "node:worker_threads";
import {
  AiperfError,
  APP_CONFIG,
  type AppConfig,
  type CreditSender,
  failedRecord,
  inject,
  LOGGER,
  type Logger,
  monotonicNs,
  type RequestJob,
  type RequestRecord,
  type ServiceContext,
  type ServiceManager,
  TimingStrategy,
} from "aiperf";

interface Pending {
  job: RequestJob;
  dispatchedNs: number;
  resolve: (record: RequestRecord) => void;
}

interface WorkerSlot {
  index: number;
  worker: Worker;
  alive: boolean;
  ready: boolean;
  pending: Map<number, Pending>;
}

/**
 * Built-in `multiprocess`: N worker threads (`service_manager.workers`, default one per core)
 * each with their own app, transport and connection pool; the timing strategy stays on the main
 * thread and hands each credit to the least-loaded worker over its MessagePort. Timestamps are
 * CLOCK_MONOTONIC, the same clock in every thread. A worker that dies fails its in-flight
 * requests (as errors naming it) and the others carry on.
 */
export class MultiprocessServiceManager implements ServiceManager {
  private slots: WorkerSlot[] = [];
  private nextId = 0;

  constructor(
    @inject(TimingStrategy.token) private readonly timing: TimingStrategy,
    @inject(APP_CONFIG) private readonly config: AppConfig,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The worker threads that have started, for diagnostics (and tests that kill one). */
  threads(): readonly Worker[] {
    return this.slots.filter((s) => s.ready).map((s) => s.worker);
  }

  async open(context: ServiceContext): Promise<void> {
    const count = this.config.service_manager.workers ?? os.availableParallelism();
    const connections = Math.max(1, Math.ceil(context.transport.connections / count));
    const script = new URL("./creditWorker.js", import.meta.url);
    const starting = Array.from({ length: count }, (_, index) => {
      const worker = new Worker(script, { workerData: { config: context.config, root: context.root, transport: { ...context.transport, connections } } });
      const slot: WorkerSlot = { index, worker, alive: true, ready: false, pending: new Map() };
      this.slots.push(slot);
      return new Promise<void>((resolve, reject) => {
        worker.on("message", (message: { type: string; id?: number; record?: RequestRecord; message?: string }) => {
          if (message.type === "ready") {
            slot.ready = true;
            resolve();
          } else if (message.type === "failed") reject(new AiperfError("AIPERF_WORKER_FAILED", `worker ${index + 1} could not start: ${message.message}`));
          else if (message.type === "record" && message.id !== undefined) {
            const p = slot.pending.get(message.id);
            slot.pending.delete(message.id);
            p?.resolve(message.record as RequestRecord);
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
    this.logger.info(`multiprocess: ${count} worker thread(s), ${connections} connection(s) each`);
  }

  /** A dead worker fails what it had in flight; the run continues on the others. */
  private lost(slot: WorkerSlot, reason: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    if (slot.pending.size > 0) this.logger.warn(`${reason}: ${slot.pending.size} request(s) in flight counted as errors`);
    for (const p of slot.pending.values()) p.resolve(failedRecord(p.job, p.dispatchedNs, reason));
    slot.pending.clear();
  }

  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord> {
    let slot: WorkerSlot | undefined;
    for (const s of this.slots) if (s.alive && (!slot || s.pending.size < slot.pending.size)) slot = s;
    const dispatchedNs = monotonicNs();
    if (!slot) return Promise.resolve(failedRecord(job, dispatchedNs, "no worker thread is left"));
    const target = slot;
    const id = ++this.nextId;
    return new Promise<RequestRecord>((resolve) => {
      target.pending.set(id, { job, dispatchedNs, resolve });
      target.worker.postMessage({ type: "job", id, job });
      if (signal.aborted) target.worker.postMessage({ type: "cancel", id });
      else signal.addEventListener("abort", () => target.alive && target.pending.has(id) && target.worker.postMessage({ type: "cancel", id }), { once: true });
    });
  }

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }

  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    await Promise.all(
      slots.map(async (slot) => {
        if (!slot.alive) return;
        const exited = new Promise((resolve) => slot.worker.once("exit", resolve));
        slot.worker.postMessage({ type: "close" });
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
