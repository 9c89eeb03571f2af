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
  type WorkerInfo,
} from "aiperf";
import type { Router } from "zeromq";
import { bindHost, insecureBindError, isLoopback } from "./bindAddress.js";
import { type CurveKeys, findCurveKeys } from "./curveKeys.js";
import type { DistributedConfig } from "./DistributedConfig.js";
import { RemoteWorker } from "./RemoteWorker.js";
import { SendQueue } from "./SendQueue.js";
import { type Codec, type ControllerMessage, loadCodec, loadZmq, type WorkerMessage } from "./wire.js";
import { ZAP_DOMAIN, ZapHandler } from "./ZapHandler.js";

/** The records manager's part this manager uses (settling requests whose worker is gone). */
interface RecordsManager extends Service {
  expect(id: number): Promise<RequestRecord>;
  settle(id: number, record: RequestRecord): void;
}

/** Ping exchanges per worker before the run: the lowest round trip sets its clock offset. */
const CLOCK_PINGS = 8;
/** Heartbeat periods of silence after which a worker is lost (and a worker leaves its controller). */
const MISSED_BEATS = 3;

/**
 * Built-in `distributed`: the timing and records managers stay here (the controller); requests
 * run in `aiperf worker` processes started elsewhere, which connect to `service_manager.bind`
 * (ZeroMQ ROUTER/DEALER over TCP, msgpack messages). Credits go to the least-loaded worker;
 * records come back stamped on the worker's clock and are shifted onto the controller's by a
 * min-RTT ping estimate. Heartbeats both ways: a silent or disconnected worker fails only its
 * in-flight requests (`AIPERF_WORKER_LOST`), and workers leave a silent controller.
 */
export class DistributedServiceManager implements ServiceManager {
  private router: Router | undefined;
  private queue: SendQueue | undefined;
  private codec: Codec | undefined;
  private zap: ZapHandler | undefined;
  private context: ServiceContext | undefined;
  private readonly remotes = new Map<string, RemoteWorker>();
  /** What is known of each worker of the current run, for the `worker_report` post-processor. */
  private readonly directory = new Map<string, WorkerInfo>();
  private joined = 0;
  private nextId = 0;
  private accepting = false;
  /** Past the join: workers joining now replace lost ones. */
  private running = false;
  private heartbeat: NodeJS.Timeout | undefined;
  private joinChanged: (() => void) | undefined;
  private startFailure: AiperfError | undefined;
  private readonly watchedSignals = new WeakSet<AbortSignal>();
  /** Where workers connect (the bound endpoint, port resolved). */
  endpoint = "";

  constructor(
    @inject(Service.token) @named("timing_manager") private readonly timing: Service & { run(sender: CreditSender): Promise<void> },
    @inject(Service.token) @named("records_manager") private readonly records: RecordsManager,
    @inject(Communication.token) private readonly bus: Communication,
    @inject(PLUGIN_CONFIG) private readonly config: DistributedConfig,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  async open(context: ServiceContext): Promise<void> {
    const keys = await findCurveKeys(this.config.curve_key_file);
    if (!keys && !isLoopback(this.config.bind)) throw insecureBindError(this.config.bind);
    this.context = context;
    this.directory.clear();
    await this.records.start(context);
    await this.timing.start(context);
    try {
      await this.listen(keys);
      this.heartbeat = setInterval(() => this.beat(), this.config.heartbeat_ms);
      await this.waitForWorkers();
      await Promise.all(this.live().map((remote) => this.syncClock(remote)));
      this.running = true;
    } catch (error) {
      await this.close();
      throw error;
    }
    for (const remote of this.live()) {
      const { offsetNs, rttNs } = remote.clock;
      this.logger.info(`${remote.label}: clock offset ${(offsetNs / 1e6).toFixed(3)} ms (± ${(rttNs / 2e6).toFixed(3)} ms)`);
    }
  }

  private async listen(keys: CurveKeys | undefined): Promise<void> {
    const [zmq, codec] = await Promise.all([loadZmq(), loadCodec()]);
    this.codec = codec;
    if (keys) {
      this.zap = new ZapHandler(keys.publicKey, (address, reason) => this.logger.warn(`refused a worker connecting to ${address}: ${reason}`));
      await this.zap.start();
    }
    const curve = keys ? { curveServer: true, curveSecretKey: keys.secretKey, curvePublicKey: keys.publicKey, zapDomain: ZAP_DOMAIN } : {};
    // mandatory: a send to a worker that is gone fails at once instead of vanishing.
    const router = new zmq.Router({ linger: 1000, mandatory: true, sendHighWaterMark: 100_000, ...curve });
    this.router = router;
    this.queue = new SendQueue((frames) => router.send(frames));
    try {
      await router.bind(this.config.bind);
    } catch (error) {
      throw new AiperfError("AIPERF_DISTRIBUTED_BIND", `cannot listen on ${this.config.bind}: ${(error as Error).message}`);
    }
    this.endpoint = router.lastEndpoint ?? this.config.bind;
    router.events.on("disconnect", () => this.beat());
    if (keys) {
      // Refusals in the handshake itself (a worker holding another key cannot even finish it).
      router.events.on("handshake:error:protocol", (e) =>
        this.logger.warn(`refused a worker connecting to ${e.address}: CURVE handshake failed (${e.error.message}; not this run's key?)`),
      );
    }
    this.accepting = true;
    void this.receive(router);
    const port = this.endpoint.slice(this.endpoint.lastIndexOf(":") + 1);
    const host = isLoopback(this.endpoint) ? bindHost(this.endpoint) : os.hostname();
    this.logger.info(
      `distributed: waiting for ${this.config.workers} worker(s) at ${this.endpoint} (start each with: aiperf worker --controller tcp://${host}:${port})`,
    );
  }

  private async receive(router: Router): Promise<void> {
    try {
      for await (const [identity, body] of router) {
        if (!identity || !body) continue;
        let message: WorkerMessage;
        try {
          message = this.codec?.decode<WorkerMessage>(body) as WorkerMessage;
        } catch {
          this.logger.warn("distributed: dropped a message that is not MessagePack");
          continue;
        }
        this.handle(identity, message);
      }
    } catch {
      // the socket closed
    }
  }

  private handle(identity: Buffer, message: WorkerMessage): void {
    if (message.t === "hello") {
      this.join(identity, message);
      return;
    }
    const remote = this.remotes.get(identity.toString("hex"));
    if (!remote?.alive) return;
    remote.lastHeardMs = performance.now();
    switch (message.t) {
      case "ready":
        // A replacement joining mid-run takes credits only once its clock offset is known.
        if (this.running) void this.syncClock(remote).then(() => (remote.ready = remote.alive));
        else remote.ready = true;
        this.joinChanged?.();
        break;
      case "failed":
        this.startFailure ??= new AiperfError("AIPERF_WORKER_FAILED", `${remote.label} could not start: ${message.message}`);
        this.joinChanged?.();
        break;
      case "pong":
        remote.clock.add(message.t0, message.tw, monotonicNs());
        remote.onPong?.();
        break;
      case "record":
        this.arrived(remote, message.id, message.record);
        break;
    }
  }

  private join(identity: Buffer, hello: Extract<WorkerMessage, { t: "hello" }>): void {
    const key = identity.toString("hex");
    if (this.remotes.get(key)?.alive) return;
    const who = `pid ${hello.pid} on ${hello.host}`;
    if (!this.accepting || this.live().length >= this.config.workers) {
      // The worker is told and leaves: no process waits on a run it is not part of.
      this.logger.warn(`refused a worker (${who}): the run already has its ${this.config.workers} worker(s)`);
      this.send(identity, { t: "refused", reason: `the run already has its ${this.config.workers} worker(s)` });
      return;
    }
    const remote = new RemoteWorker(`w${++this.joined}`, identity, hello.host, hello.pid);
    this.remotes.set(key, remote);
    this.directory.set(remote.id, { worker: remote.id, host: remote.host, pid: remote.pid });
    const context = this.context as ServiceContext;
    const connections = Math.max(1, Math.ceil(context.transport.connections / this.config.workers));
    // The real api key travels in `transport` over this connection only (CURVE-encrypted beyond
    // loopback); workers execute requests, so they run no service manager of their own.
    const workerContext = {
      transport: { ...context.transport, connections },
      config: { ...context.config, service_manager: { type: "in_process" } },
      root: context.root,
    };
    this.send(identity, { t: "welcome", worker: remote.id, context: workerContext, heartbeatMs: this.config.heartbeat_ms });
    this.logger.info(`${remote.label} joined (${this.live().length}/${this.config.workers})`);
  }

  private live(): RemoteWorker[] {
    return [...this.remotes.values()].filter((r) => r.alive);
  }

  /** Resolves once `workers` workers are ready; fails with how many joined when the wait runs out. */
  private waitForWorkers(): Promise<void> {
    const wanted = this.config.workers;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.joinChanged = undefined;
        const live = this.live();
        const ready = live.filter((r) => r.ready).length;
        reject(
          new AiperfError(
            "AIPERF_DISTRIBUTED_JOIN_TIMEOUT",
            `only ${live.length} of ${wanted} worker(s) joined ${this.endpoint} within ${this.config.join_timeout_ms} ms (${ready} of them ready); start each with: aiperf worker --controller tcp://HOST:PORT, or raise service_manager.join_timeout_ms`,
          ),
        );
      }, this.config.join_timeout_ms);
      this.joinChanged = () => {
        if (this.startFailure) reject(this.startFailure);
        else if (this.live().filter((r) => r.ready).length < wanted) return;
        else resolve();
        clearTimeout(timer);
        this.joinChanged = undefined;
      };
      this.joinChanged();
    });
  }

  /** Ping-pong exchanges, one at a time, each waiting at most a second for its answer. */
  private async syncClock(remote: RemoteWorker): Promise<void> {
    for (let seq = 0; seq < CLOCK_PINGS && remote.alive; seq++) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        remote.onPong = resolve;
        timer = setTimeout(resolve, 1000);
        this.send(remote.identity, { t: "ping", seq, t0: monotonicNs() }, () => this.lost(remote, `${remote.label} disconnected`));
      });
      clearTimeout(timer);
    }
    remote.onPong = undefined;
    this.noteClock(remote);
  }

  private noteClock(remote: RemoteWorker): void {
    const info = this.directory.get(remote.id);
    if (info && Number.isFinite(remote.clock.rttNs)) Object.assign(info, { clockOffsetNs: remote.clock.offsetNs, clockRttNs: remote.clock.rttNs });
  }

  /** Each period: a worker silent too long is lost; the others get a ping (their heartbeat, and a clock sample). */
  private beat(): void {
    const limit = MISSED_BEATS * this.config.heartbeat_ms;
    const now = performance.now();
    for (const remote of this.live()) {
      // A worker still building its app may block its event loop for a while: the join wait bounds it.
      if (remote.ready && now - remote.lastHeardMs > limit) this.lost(remote, `${remote.label} stopped answering heartbeats for ${limit} ms`);
      else this.send(remote.identity, { t: "ping", seq: -1, t0: monotonicNs() }, () => this.lost(remote, `${remote.label} disconnected`));
    }
  }

  /** A lost worker fails what it had in flight, with a code; the run goes on with the others. */
  private lost(remote: RemoteWorker, reason: string): void {
    if (!remote.alive) return;
    remote.alive = false;
    this.noteClock(remote);
    const info = this.directory.get(remote.id);
    if (info) info.lost = reason;
    this.logger.warn(`AIPERF_WORKER_LOST: ${reason}; ${remote.pending.size} request(s) in flight counted as errors`);
    for (const [id, p] of remote.pending) {
      const record = failedRecord(p.job, p.dispatchedNs, `AIPERF_WORKER_LOST: ${reason} (request lost in flight)`);
      record.worker = remote.id;
      this.records.settle(id, record);
    }
    remote.pending.clear();
    this.joinChanged?.();
  }

  private arrived(remote: RemoteWorker, id: number, record: RequestRecord): void {
    // A record from a worker already declared lost was settled as an error: never counted twice.
    if (!remote.pending.delete(id)) return;
    this.bus.publish("record", { id, record: remote.toControllerClock(record) });
  }

  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord> {
    const id = ++this.nextId;
    const record = this.records.expect(id);
    this.watchCancel(signal);
    this.dispatch(id, job, monotonicNs());
    return record;
  }

  private dispatch(id: number, job: RequestJob, dispatchedNs: number): void {
    let target: RemoteWorker | undefined;
    for (const r of this.remotes.values()) if (r.alive && r.ready && (!target || r.pending.size < target.pending.size)) target = r;
    if (!target) {
      this.records.settle(id, failedRecord(job, dispatchedNs, "AIPERF_WORKER_LOST: no worker is left"));
      return;
    }
    const chosen = target;
    chosen.pending.set(id, { job, dispatchedNs });
    this.send(chosen.identity, { t: "credit", id, job }, () => {
      // Never delivered (the worker is gone): the credit goes to another worker, not to the errors.
      if (!chosen.pending.delete(id)) return;
      this.lost(chosen, `${chosen.label} disconnected`);
      this.dispatch(id, job, dispatchedNs);
    });
  }

  /** One listener per phase signal: when it aborts, every worker cancels what it has in flight. */
  private watchCancel(signal: AbortSignal): void {
    if (this.watchedSignals.has(signal)) return;
    this.watchedSignals.add(signal);
    const cancel = () => {
      for (const r of this.live()) this.send(r.identity, { t: "cancel" });
    };
    if (signal.aborted) cancel();
    else signal.addEventListener("abort", cancel, { once: true });
  }

  private send(identity: Buffer, message: ControllerMessage, onFailure?: () => void): void {
    if (!this.queue || !this.codec) return;
    this.queue.push([identity, this.codec.encode(message)], onFailure);
  }

  run(sender: CreditSender): Promise<void> {
    return this.timing.run(sender);
  }

  /** The workers of the current run, with host, pid and estimated clock offset. */
  workers(): readonly WorkerInfo[] {
    return [...this.directory.values()];
  }

  /** Tells every worker to stop (they exit), then closes the socket; never waits more than ~3 s. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    this.accepting = false;
    for (const remote of this.live()) {
      this.noteClock(remote);
      this.send(remote.identity, { t: "stop" });
      for (const [id, p] of remote.pending)
        this.records.settle(id, failedRecord(p.job, p.dispatchedNs, `AIPERF_WORKER_STOPPED: the run closed before ${remote.label} answered`));
      remote.pending.clear();
      remote.alive = false;
    }
    if (this.queue) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.queue.drained(), new Promise((resolve) => (timer = setTimeout(resolve, 2000)))]);
      clearTimeout(timer);
    }
    // linger (1 s) still delivers the stops after close.
    this.router?.close();
    this.router = undefined;
    this.queue = undefined;
    this.zap?.close();
    this.zap = undefined;
    await this.timing.stop();
    await this.records.stop();
  }
}
