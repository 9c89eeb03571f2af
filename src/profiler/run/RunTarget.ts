import type { App } from "../../kernel/app/App.js";
import { monotonicNs } from "../../kernel/util/monotonicNs.js";
import type { AppConfig } from "../config/AppConfig.js";
import type { RunConnections } from "../model/ProfileResults.js";
import { MockServer } from "../protocols/MockServer.js";
import type { ServiceContext, ServiceManager } from "../protocols/ServiceManager.js";
import type { TimingStrategy } from "../protocols/TimingStrategy.js";
import type { Tokenizer } from "../protocols/Tokenizer.js";
import { workerConfig } from "./workerConfig.js";

/** Connections an open loop warms when its strategy does not say how many it expects in flight. */
const OPEN_LOOP_PREWARM = 256;

/** `work`, or a rejection as soon as `signal` aborts (the work goes on until its owner stops it). */
function untilAborted(work: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return work;
  return new Promise<void>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

/**
 * What a run sends to, for the run's lifetime: the embedded mock server when `endpoint.url` is
 * `embedded`, and the service manager's request side sized to the strategy's connection budget.
 * `open` and `close` are the only places either is started or stopped.
 */
export class RunTarget {
  private mock: MockServer | undefined;
  private opened = false;
  /** The request side's `open` while it is still under way (a stop signal does not wait for it). */
  private opening: Promise<void> | undefined;
  /** Where requests go: the configured URL, or the embedded server's once started. */
  url = "";
  /** The connections opened before the first request (`endpoint.prewarm`), once open. */
  connectionSetup: RunConnections | undefined;

  constructor(
    private readonly app: App<AppConfig>,
    private readonly serviceManager: ServiceManager,
    private readonly strategy: TimingStrategy,
    private readonly tokenizer?: Tokenizer,
  ) {}

  /** Knows where requests go: starts the embedded server when `endpoint.url` is `embedded`. */
  async open(): Promise<void> {
    const config = this.app.config;
    this.url = config.endpoint.url === "embedded" ? await this.startMock() : config.endpoint.url;
  }

  /**
   * Starts the request side and warms its connections (after the pre-flight check, so a server
   * that fails it sees nothing but the check). An abort of `signal` (Ctrl-C) ends the wait at once:
   * a server that never answers the warm-up is not waited for.
   */
  async connect(signal?: AbortSignal): Promise<void> {
    const config = this.app.config;
    const url = this.url;
    // An open loop (the strategy sets no bound) gets `endpoint.max_connections`.
    const bound = this.strategy.maxInFlight?.();
    const connections = bound ?? config.endpoint.max_connections;
    // The phase's in-flight budget, connected before the clock starts (the open waits for it).
    const expected = this.strategy.expectedInFlight?.() ?? (bound === undefined ? OPEN_LOOP_PREWARM : connections);
    const prewarm = config.endpoint.prewarm ? Math.min(connections, expected) : 0;
    const started = monotonicNs();
    const context: ServiceContext = {
      transport: {
        url,
        connections,
        ...(prewarm > 0 ? { prewarm } : {}),
        ...(config.endpoint.api_key ? { apiKey: config.endpoint.api_key } : {}),
        connectTimeoutMs: config.endpoint.connect_timeout_ms,
        requestTimeoutMs: config.endpoint.request_timeout_ms,
        ...(Object.keys(config.endpoint.headers).length > 0 ? { headers: config.endpoint.headers } : {}),
      },
      config: workerConfig(this.app),
      root: this.app.root,
    };
    // Not enumerable: managers copy the context into worker threads (`{ ...context }`), and a
    // tokenizer (functions, a loaded library) cannot be cloned; it is read on this thread only.
    if (this.tokenizer) Object.defineProperty(context, "tokenizer", { value: this.tokenizer, enumerable: false });
    // Stopped already: start nothing (workers started now would outlive the run).
    if (signal?.aborted) throw signal.reason;
    // Marked open before it is: `close` then stops a half-open request side too (prewarm under way).
    this.opened = true;
    const opening = this.serviceManager.open(context);
    this.opening = opening;
    const settled = () => {
      if (this.opening === opening) this.opening = undefined;
    };
    opening.then(settled, settled);
    await untilAborted(opening, signal);
    const ms = (monotonicNs() - started) / 1e6;
    this.connectionSetup = { connections: prewarm, ms, prewarm: prewarm > 0, maxConnections: connections, openLoop: bound === undefined };
    // Debug only: a server that cannot be reached is the pre-flight check's to report, first.
    if (prewarm > 0)
      this.app.logger.debug(
        `connections: ${prewarm} opened and warmed before the first request, those the server answered kept (${this.connectionSetup.ms.toFixed(1)} ms)`,
      );
  }

  /** Stops whatever `open` and `connect` started, even when they failed half-way; never throws. */
  async close(): Promise<void> {
    if (this.opened) {
      const warn = (e: unknown) => this.app.logger.warn(`closing the service manager: ${String(e)}`);
      const cutShort = this.opening;
      await this.serviceManager.close().catch(warn);
      // An open cut short by a stop signal ends once it sees the close; whatever it started
      // after the first close is stopped by a second one.
      if (cutShort !== undefined) {
        await cutShort.catch(() => undefined);
        await this.serviceManager.close().catch(warn);
      }
    }
    this.opened = false;
    this.opening = undefined;
    await this.mock?.stop().catch(() => undefined);
    this.mock = undefined;
  }

  /** The mock's behaviour is its own config (`endpoint.mock:`); only the run's seed is passed. */
  private async startMock(): Promise<string> {
    this.mock = await this.app.get(MockServer);
    const { url } = await this.mock.start({ seed: this.app.config.timing.seed + 1 });
    return url;
  }
}
