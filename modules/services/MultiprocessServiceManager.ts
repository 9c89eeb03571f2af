import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
import { ZmqHub } from "../communication/ZmqHub.js";
import { CancelOnAbort } from "./CancelOnAbort.js";
import type { MultiprocessConfig } from "./MultiprocessConfig.js";
import type { ProcessWorkerStart } from "./processWorker.js";
import type { RecordsManagerService } from "./RecordsManagerService.js";
import type { TimingManagerService } from "./TimingManagerService.js";
import { type RecordMessage, Topic } from "./topics.js";
import { workerContext } from "./workerContext.js";

/** The error code of requests lost with their worker process. */
export const WORKER_LOST = "AIPERF_WORKER_LOST";

/** A worker that has neither joined the bus nor failed by then is given up on (its app build hangs). */
const START_TIMEOUT_MS = 60_000;

interface Pending {
  job: RequestJob;
  dispatchedNs: number;
}

interface ProcessSlot {
  name: string;
  child: ChildProcess;
  alive: boolean;
  ready: boolean;
  pending: Map<number, Pending>;
}

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
export class MultiprocessServiceManager implements ServiceManager {
  private slots: ProcessSlot[] = [];
  private readonly owner = new Map<number, ProcessSlot>();
  private hub: ZmqHub | undefined;
  private dir: string | undefined;
  private nextId = 0;
  private readonly cancels = new CancelOnAbort();

  constructor(
    @inject(Service.token) @named("timing_manager") private readonly timing: Pick<TimingManagerService, "run"> & Service,
    @inject(Service.token) @named("records_manager") private readonly records: Pick<RecordsManagerService, "expect" | "settle"> & Service,
    @inject(Communication.token) private readonly bus: Communication,
    @inject(PLUGIN_CONFIG) private readonly config: MultiprocessConfig,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The worker processes that have started, for diagnostics (and tests that kill one). */
  processes(): readonly ChildProcess[] {
    return this.slots.filter((s) => s.ready).map((s) => s.child);
  }

  async open(context: ServiceContext): Promise<void> {
    const count = this.config.workers ?? os.availableParallelism();
    const connections = Math.max(1, Math.ceil(context.transport.connections / count));
    this.dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-mp-"));
    const hub = new ZmqHub(`ipc://${path.join(this.dir, "credits")}`);
    this.hub = hub;
    try {
      const address = await hub.ready();
      hub.subscribe(Topic.Record, (message) => this.received(message as RecordMessage));
      await this.records.start(context);
      await this.timing.start(context);
      const start = { ...workerContext(context), transport: { ...context.transport, connections } };
      const dir = this.dir;
      await Promise.all(Array.from({ length: count }, (_, index) => this.spawn(index, start, { address, dir }, hub)));
    } catch (error) {
      await this.close();
      throw error;
    }
    this.logger.info(`multiprocess: ${count} worker process(es) over zmq_ipc, ${connections} connection(s) each`);
  }

  private spawn(index: number, context: ServiceContext, where: { address: string; dir: string }, hub: ZmqHub): Promise<void> {
    const name = `worker-${index + 1}`;
    const script = fileURLToPath(new URL("./processWorker.js", import.meta.url));
    const child = fork(script, [], { stdio: ["ignore", "inherit", "inherit", "ipc"], serialization: "advanced" });
    const slot: ProcessSlot = { name, child, alive: true, ready: false, pending: new Map() };
    this.slots.push(slot);
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
      child.on("error", (error) => this.lost(slot, `failed: ${error.message}`));
      child.on("exit", (code, signal) => {
        this.lost(slot, signal ? `was killed (${signal})` : `exited (code ${code})`);
        reject(new AiperfError("AIPERF_WORKER_FAILED", `${name} exited (${signal ?? `code ${code}`}) while starting`));
      });
      const start: ProcessWorkerStart = { context, ...where, identity: name };
      child.send(start);
    });
    return started.finally(() => clearTimeout(timer));
  }

  private received(message: RecordMessage): void {
    const slot = this.owner.get(message.id);
    if (!slot) return;
    this.owner.delete(message.id);
    slot.pending.delete(message.id);
    message.record.worker = slot.name;
    this.bus.publish(Topic.Record, message);
  }

  /** A dead worker fails what it had in flight; the run continues on the others. */
  private lost(slot: ProcessSlot, how: string): void {
    if (!slot.alive) return;
    slot.alive = false;
    this.hub?.forget(slot.name);
    const reason = `${slot.name} (pid ${slot.child.pid}) ${how} [${WORKER_LOST}]`;
    if (slot.pending.size > 0) this.logger.warn(`${reason}: ${slot.pending.size} request(s) in flight counted as errors`);
    for (const [id, p] of slot.pending) {
      this.owner.delete(id);
      this.records.settle(id, { ...failedRecord(p.job, p.dispatchedNs, reason), worker: slot.name });
    }
    slot.pending.clear();
  }

  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord> {
    let slot: ProcessSlot | undefined;
    for (const s of this.slots) if (s.alive && s.ready && (!slot || s.pending.size < slot.pending.size)) slot = s;
    const dispatchedNs = monotonicNs();
    const hub = this.hub;
    if (!slot || !hub) return Promise.resolve(failedRecord(job, dispatchedNs, `no worker process is left [${WORKER_LOST}]`));
    const id = ++this.nextId;
    const record = this.records.expect(id);
    slot.pending.set(id, { job, dispatchedNs });
    this.owner.set(id, slot);
    hub.sendTo(slot.name, Topic.Credit, { id, job });
    this.cancels.watch(signal, () => hub.publish(Topic.Cancel, {}));
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
    await Promise.all(slots.map((slot) => this.stopChild(slot)));
    await this.hub?.close();
    this.hub = undefined;
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
  }

  /** Asks a worker to stop; one that has not exited after 2 s is killed. Never waits longer than 3 s. */
  private async stopChild(slot: ProcessSlot): Promise<void> {
    const { child } = slot;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    if (child.connected) child.send({ topic: "stop" });
    const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
    let fallback: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (fallback = setTimeout(resolve, 3000)))]);
    clearTimeout(timer);
    clearTimeout(fallback);
  }
}
