import { Worker } from "node:worker_threads";
import { AiperfError, injectFromBase, type RequestJob, type ServiceContext } from "aiperf";
import { type RecordMessage, Topic } from "./topics.js";
import { WorkerPoolManager, type WorkerSlot } from "./WorkerPoolManager.js";
import { workerContext } from "./workerContext.js";

/**
 * Built-in `threads`: the timing manager and records manager stay on the main thread; N
 * worker threads (`service_manager.workers`, default one per core) each run a `worker` service in
 * their own app, with their own transport and connection pool, talking through the
 * `worker_port` communication client. This manager carries their envelopes: credits to the
 * least-loaded worker's port, records from the ports into the main `communication` bus, where the
 * records manager takes them. Timestamps are CLOCK_MONOTONIC, the same clock in every thread. A
 * worker that dies fails its in-flight requests (as errors naming it); the others carry on.
 */
@injectFromBase()
export class ThreadsServiceManager extends WorkerPoolManager<Worker> {
  protected readonly noWorkerLeft = "no worker thread is left";

  /** The worker threads that have started, for diagnostics (and tests that kill one). */
  threads(): readonly Worker[] {
    return this.started();
  }

  async open(context: ServiceContext): Promise<void> {
    const { count, transportOf, each } = this.share(context);
    this.closing = false;
    await this.records.start(context);
    await this.timing.start(context);
    this.stillOpening();
    const script = new URL("./creditWorker.js", import.meta.url);
    const starting = Array.from({ length: count }, (_, index) => {
      const worker = new Worker(script, { workerData: { context: { ...workerContext(context), transport: transportOf(index) } } });
      const slot = this.addSlot(`thread-${index + 1}`, worker);
      return new Promise<void>((resolve, reject) => {
        worker.on("message", (envelope: { topic: string; message: unknown }) => {
          if (envelope.topic === Topic.Record) {
            this.received(slot, envelope.message as RecordMessage);
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
    this.logger.info(`threads: ${count} worker thread(s), ${each} connection(s) each`);
  }

  protected send(slot: WorkerSlot<Worker>, id: number, job: RequestJob): void {
    slot.handle.postMessage({ topic: Topic.Credit, message: { id, job } });
  }

  protected cancelAll(): void {
    for (const s of this.slots) if (s.alive) s.handle.postMessage({ topic: Topic.Cancel, message: {} });
  }

  protected async stop(slot: WorkerSlot<Worker>): Promise<void> {
    if (!slot.alive) return;
    const exited = new Promise((resolve) => slot.handle.once("exit", resolve));
    slot.handle.postMessage({ topic: "stop" });
    await this.awaitExit(exited, () => void slot.handle.terminate());
  }
}
