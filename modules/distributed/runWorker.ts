import { setMaxListeners } from "node:events";
import { existsSync } from "node:fs";
import os from "node:os";
import { type App, createProfilerApp, Endpoint, executeRequest, type Logger, monotonicNs, silentLogger, Transport } from "aiperf";
import type { Dealer } from "zeromq";
import type { CurveKeys } from "./curveKeys.js";
import { SendQueue } from "./SendQueue.js";
import { type Codec, type ControllerMessage, loadCodec, loadZmq, type WorkerMessage } from "./wire.js";

/** How `aiperf worker` runs. */
export interface WorkerOptions {
  /** The controller's `tcp://HOST:PORT`. */
  controller: string;
  /** The shared CURVE keypair, when the controller requires one. */
  keys?: CurveKeys;
  /** How long to wait for the controller's welcome before giving up. */
  joinTimeoutMs: number;
  logger: Logger;
  /** Aborts on Ctrl-C / SIGTERM: the worker leaves at once. */
  signal?: AbortSignal;
  /** The folder to discover plugins from when the controller's does not exist here. */
  cwd: string;
}

/** Heartbeat periods of silence after which a worker leaves its controller. */
const MISSED_BEATS = 3;

/**
 * One worker's life: connect (DEALER), say hello, build the app from the config the controller
 * sends, execute its credits and send back records stamped on this process's clock, answer pings,
 * and exit when told to stop, on a signal, or when the controller goes silent (no orphans).
 * Resolves with the exit code.
 */
export async function runWorker(options: WorkerOptions): Promise<number> {
  const [zmq, codec] = await Promise.all([loadZmq(), loadCodec()]);
  const { keys, logger } = options;
  const curve = keys ? { curveServerKey: keys.publicKey, curvePublicKey: keys.publicKey, curveSecretKey: keys.secretKey } : {};
  const dealer = new zmq.Dealer({ linger: 1000, sendHighWaterMark: 100_000, ...curve });
  dealer.connect(options.controller);
  dealer.events.on("handshake:error:protocol", () => logger.warn(`the controller at ${options.controller} refused the CURVE handshake (not its key?)`));
  const worker = new WorkerLoop(dealer, codec, options);
  return worker.run();
}

class WorkerLoop {
  private readonly queue: SendQueue;
  private app: App | undefined;
  private deps: { endpoint: Endpoint; transport: Transport } | undefined;
  private inFlight = new AbortController();
  private name = "worker";
  private heartbeatMs = 1000;
  private lastHeardMs = performance.now();
  private timer: NodeJS.Timeout | undefined;
  private finish: ((code: number) => void) | undefined;

  constructor(
    private readonly dealer: Dealer,
    private readonly codec: Codec,
    private readonly options: WorkerOptions,
  ) {
    this.queue = new SendQueue((frames) => dealer.send(frames));
    setMaxListeners(0, this.inFlight.signal);
  }

  async run(): Promise<number> {
    const { controller, joinTimeoutMs, logger, signal } = this.options;
    const done = new Promise<number>((resolve) => (this.finish = resolve));
    const joinTimer = setTimeout(() => {
      logger.error(
        `AIPERF_WORKER_JOIN_TIMEOUT: no welcome from ${controller} within ${joinTimeoutMs} ms (is the controller running, with the same CURVE key?)`,
      );
      this.finish?.(1);
    }, joinTimeoutMs);
    const onAbort = () => this.finish?.(130);
    signal?.addEventListener("abort", onAbort, { once: true });
    logger.info(`connecting to ${controller} (waiting up to ${joinTimeoutMs} ms for its welcome)`);
    this.send({ t: "hello", host: os.hostname(), pid: process.pid, node: process.version });
    void this.receive(joinTimer);
    const code = await done;
    clearTimeout(joinTimer);
    signal?.removeEventListener("abort", onAbort);
    await this.shutdown();
    return code;
  }

  private async receive(joinTimer: NodeJS.Timeout): Promise<void> {
    try {
      for await (const [body] of this.dealer) {
        if (!body) continue;
        this.lastHeardMs = performance.now();
        const message = this.codec.decode<ControllerMessage>(body);
        if (message.t === "welcome") {
          clearTimeout(joinTimer);
          // Not awaited: pings keep being answered while the app is built.
          void this.welcome(message);
        } else this.handle(message);
      }
    } catch (error) {
      this.options.logger.error(`worker: ${error instanceof Error ? error.message : String(error)}`);
      this.finish?.(1);
    }
  }

  private async welcome(message: Extract<ControllerMessage, { t: "welcome" }>): Promise<void> {
    const { logger, cwd } = this.options;
    this.name = message.worker;
    this.heartbeatMs = message.heartbeatMs;
    this.timer = setInterval(() => this.beat(), this.heartbeatMs);
    try {
      const { context } = message;
      const root = existsSync(context.root) ? context.root : cwd;
      this.app = await createProfilerApp({ config: context.config, root, logger: silentLogger, isTTY: false });
      const [endpoint, transport] = [await this.app.get(Endpoint), await this.app.get(Transport)];
      transport.open(context.transport);
      this.deps = { endpoint, transport };
      this.send({ t: "ready" });
      logger.info(`joined ${this.options.controller} as ${this.name}; sending to ${context.transport.url}`);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      logger.error(`could not build the run's app: ${text}`);
      this.send({ t: "failed", message: text });
      this.finish?.(1);
    }
  }

  private handle(message: ControllerMessage): void {
    switch (message.t) {
      case "credit": {
        const deps = this.deps;
        if (!deps) return;
        const { id, job } = message;
        void executeRequest(job, deps, this.inFlight.signal).then((record) => {
          record.worker = this.name;
          this.send({ t: "record", id, record });
        });
        break;
      }
      case "ping":
        this.send({ t: "pong", seq: message.seq, t0: message.t0, tw: monotonicNs() });
        break;
      case "cancel": {
        const cancelled = this.inFlight;
        this.inFlight = new AbortController();
        setMaxListeners(0, this.inFlight.signal);
        cancelled.abort();
        break;
      }
      case "refused":
        this.options.logger.error(`AIPERF_WORKER_REFUSED: the controller refused this worker: ${message.reason}`);
        this.finish?.(1);
        break;
      case "stop":
        this.options.logger.info(`${this.name}: the controller ended the run`);
        this.finish?.(0);
        break;
    }
  }

  /** Our heartbeat out; and leaving a controller that has gone silent (killed, partitioned). */
  private beat(): void {
    const silentMs = performance.now() - this.lastHeardMs;
    if (silentMs > MISSED_BEATS * this.heartbeatMs) {
      this.options.logger.error(`AIPERF_CONTROLLER_LOST: no word from ${this.options.controller} for ${Math.round(silentMs)} ms; leaving`);
      this.finish?.(1);
      return;
    }
    this.send({ t: "hb" });
  }

  private send(message: WorkerMessage): void {
    this.queue.push([this.codec.encode(message)]);
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.timer);
    this.inFlight.abort();
    await this.deps?.transport.close().catch(() => undefined);
    await this.app?.dispose().catch(() => undefined);
    // linger lets a last record or heartbeat go out; the pending receive ends with the socket.
    this.dealer.close();
  }
}
