import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AiperfError, injectFromBase, type RequestJob, type ServiceContext } from "aiperf";
import { ZmqHub } from "../communication/ZmqHub.js";
import type { ProcessWorkerStart } from "./processWorker.js";
import { type RecordMessage, Topic } from "./topics.js";
import { WorkerPoolManager, type WorkerSlot } from "./WorkerPoolManager.js";
import { workerContext } from "./workerContext.js";

/** The error code of requests lost with their worker process. */
export const WORKER_LOST = "AIPERF_WORKER_LOST";

/** A worker that has neither joined the bus nor failed by then is given up on (its app build hangs). */
const START_TIMEOUT_MS = 60_000;

/**
 * Built-in `multiprocess`: the timing manager and records manager stay in this process; N child
 * processes (`service_manager.workers`, default one per core) each run a `worker` service in their
 * own app, with their own event loop, GC, transport and connection pool. They join this manager's
 * ZeroMQ hub over `ipc://` (a socket in a temp folder, removed at close) with the `zmq_dealer`
 * communication client: each credit goes to the least-loaded worker, records come back with
 * `worker` set and are published on the app's `communication` bus for the records manager.
 * Timestamps are CLOCK_MONOTONIC, one clock for every process of a machine. A worker that dies
 * fails only its in-flight requests (`AIPERF_WORKER_LOST`, naming it); the others carry on.
 */
@injectFromBase()
export class MultiprocessServiceManager extends WorkerPoolManager<ChildProcess> {
  private hub: ZmqHub | undefined;
  private dir: string | undefined;
  protected readonly noWorkerLeft = `no worker process is left [${WORKER_LOST}]`;

  /** The worker processes that have started, for diagnostics (and tests that kill one). */
  processes(): readonly ChildProcess[] {
    return this.started();
  }

  async open(context: ServiceContext): Promise<void> {
    const { count, transportOf, each } = this.share(context);
    this.closing = false;
    this.dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-mp-"));
    const hub = new ZmqHub(`ipc://${path.join(this.dir, "credits")}`);
    this.hub = hub;
    try {
      const address = await hub.ready();
      this.stillOpening();
      hub.subscribe(Topic.Record, (message) => this.fromHub(message as RecordMessage));
      await this.records.start(context);
      await this.timing.start(context);
      this.stillOpening();
      const base = workerContext(context);
      const dir = this.dir;
      await Promise.all(Array.from({ length: count }, (_, index) => this.spawn(index, { ...base, transport: transportOf(index) }, { address, dir }, hub)));
    } catch (error) {
      await this.close();
      throw error;
    }
    this.logger.info(`multiprocess: ${count} worker process(es) over zmq_ipc, ${each} connection(s) each`);
  }

  private spawn(index: number, context: ServiceContext, where: { address: string; dir: string }, hub: ZmqHub): Promise<void> {
    const name = `worker-${index + 1}`;
    const script = fileURLToPath(new URL("./processWorker.js", import.meta.url));
    const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
    const slot = this.addSlot(name, child);
    let timer: NodeJS.Timeout | undefined;
    const started = new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new AiperfError("AIPERF_WORKER_FAILED", `${name} did not start within ${START_TIMEOUT_MS / 1000} s`));
      }, START_TIMEOUT_MS);
      const off = hub.subscribe("ready", (message) => {
        if ((message as { identity?: string }).identity !== name) return;
        off();
        slot.ready = true;
        resolve();
      });
      child.on("message", (message: { topic?: string; message?: string }) => {
        if (message?.topic === "failed") reject(new AiperfError("AIPERF_WORKER_FAILED", `${name} could not start: ${message.message}`));
      });
      child.on("error", (error) => this.lostProcess(slot, `failed: ${error.message}`));
      child.on("exit", (code, signal) => {
        this.lostProcess(slot, signal ? `was killed (${signal})` : `exited (code ${code})`);
        reject(new AiperfError("AIPERF_WORKER_FAILED", `${name} exited (${signal ?? `code ${code}`}) while starting`));
      });
      const start: ProcessWorkerStart = { context, ...where, identity: name };
      child.send(start);
    });
    return started.finally(() => clearTimeout(timer));
  }

  /** Records of every worker come in on the hub; the request's id tells whose it was. */
  private fromHub(message: RecordMessage): void {
    const slot = this.ownerOf(message.id);
    if (slot) this.received(slot, message);
  }

  private lostProcess(slot: WorkerSlot<ChildProcess>, how: string): void {
    this.lost(slot, `${slot.name} (pid ${slot.handle.pid}) ${how} [${WORKER_LOST}]`);
  }

  protected override forget(slot: WorkerSlot<ChildProcess>): void {
    this.hub?.forget(slot.name);
  }

  protected send(slot: WorkerSlot<ChildProcess>, id: number, job: RequestJob): void {
    this.hub?.sendTo(slot.name, Topic.Credit, { id, job });
  }

  protected cancelAll(): void {
    this.hub?.publish(Topic.Cancel, {});
  }

  override async close(): Promise<void> {
    await super.close();
    await this.hub?.close();
    this.hub = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  /** Asks a worker to stop; one that has not exited after 2 s is killed. */
  protected async stop(slot: WorkerSlot<ChildProcess>): Promise<void> {
    const child = slot.handle;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.connected) child.send({ topic: "stop" });
    await this.awaitExit(exited, () => child.kill("SIGKILL"));
  }
}
