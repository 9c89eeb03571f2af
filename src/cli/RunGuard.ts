import type { Logger } from "../kernel/app/Logger.js";

const SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type StopSignal = keyof typeof SIGNALS;

/**
 * Keeps a run's measurements safe from the process around it, while the run lasts: SIGINT,
 * SIGTERM and SIGHUP stop sending and let the run write its exports (a second signal quits at
 * once); `process.exit` from plugin code is refused with an error instead of ending the process;
 * an uncaught exception or unhandled rejection (a plugin's timer, a forgotten promise) is logged
 * and counted instead of crashing the process. `release` puts everything back.
 */
export class RunGuard {
  readonly controller = new AbortController();
  /** The first stop signal received, if any. */
  signal: StopSignal | undefined;
  /** Exceptions and rejections contained during the run. */
  contained = 0;
  /** Set once the profiling phase is over: a signal then only stops what is left of the run's end. */
  sendingDone = false;
  private readonly exit = process.exit;
  private readonly listeners: [string, (...args: unknown[]) => void][] = [];

  constructor(
    private readonly logger: Logger,
    private readonly notice: (text: string) => void,
  ) {
    for (const name of Object.keys(SIGNALS) as StopSignal[]) this.listen(name, () => this.stop(name));
    this.listen("uncaughtException", (error) => this.contain("an uncaught exception", error));
    this.listen("unhandledRejection", (reason) => this.contain("an unhandled promise rejection", reason));
    const log = this.logger;
    process.exit = ((code?: number | string | null) => {
      log.error(`process.exit(${code ?? ""}) was called during the run (by a plugin?): refused, the run goes on`);
      throw new Error("process.exit() is not allowed while aiperf runs a profile");
    }) as typeof process.exit;
  }

  /** The exit code for an interrupted run: 130 (SIGINT), 143 (SIGTERM), 129 (SIGHUP). */
  get interruptedCode(): number {
    return SIGNALS[this.signal ?? "SIGINT"];
  }

  release(): void {
    process.exit = this.exit;
    for (const [event, listener] of this.listeners) process.off(event, listener);
  }

  private listen(event: string, listener: (...args: unknown[]) => void): void {
    process.on(event, listener);
    this.listeners.push([event, listener]);
  }

  private stop(name: StopSignal): void {
    if (this.signal) this.exit.call(process, SIGNALS[name]);
    this.signal = name;
    const what = name === "SIGINT" ? "interrupted" : `${name} received`;
    const again = name === "SIGINT" ? "Ctrl-C again" : `${name} again`;
    // Past the last request, nothing is sent or cancelled any more: the exports are what is left.
    const rest = this.sendingDone
      ? "the requests are done, the exports are being written"
      : "stopping sending, waiting up to 2 s for requests in flight, then writing exports";
    this.notice(`[aiperf] ${what}: ${rest} (${again} to quit now)\n`);
    this.controller.abort(new Error(`interrupted (${name})`));
  }

  private contain(what: string, error: unknown): void {
    this.contained++;
    const message = error instanceof Error ? error.message : String(error);
    this.logger.error(`${what} (plugin code?) was contained, the run goes on: ${message}`);
  }
}
