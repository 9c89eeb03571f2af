import {
  type ConsoleStyle,
  colorEnabled,
  consoleStyle,
  inject,
  type LiveStats,
  LOG_OUTPUT,
  type LogOutput,
  optional,
  type PhaseStats,
  type Ui,
  type UiPhaseBounds,
} from "aiperf";
import { progressLine } from "./progressLine.js";
import { StatusLine } from "./StatusLine.js";

/** Seconds of ticks the live rate is averaged over: recent enough to follow changes, long enough not to flicker. */
const RATE_WINDOW_S = 5;

/**
 * Built-in `progress`: one live line per phase on the terminal (stderr) with the bar, count,
 * req/s, errors, p50 TTFT and what is left. While it draws it owns the terminal: the run's log
 * output is diverted to print above the line.
 */
export class ProgressUi implements Ui {
  private line: StatusLine | undefined;
  private restoreOutput: (() => void) | undefined;
  private style: ConsoleStyle = consoleStyle(false);
  private phase = "";
  private total: number | undefined;
  private bounds: UiPhaseBounds = {};
  private startedAt = 0;
  private ticks: { at: number; completed: number }[] = [];

  constructor(@inject(LOG_OUTPUT) @optional() private readonly output: LogOutput | undefined) {}

  start(phase: string, total: number | undefined, bounds: UiPhaseBounds = {}): void {
    this.phase = phase;
    this.total = total;
    this.bounds = bounds;
    this.startedAt = performance.now();
    this.ticks = [{ at: this.startedAt, completed: 0 }];
    this.style = consoleStyle(colorEnabled(process.stderr));
    const line = new StatusLine(process.stderr);
    this.line = line;
    this.restoreOutput = this.output?.divert((text) => line.print(text));
    this.draw({ completed: 0, errors: 0, cancelled: 0, timedOut: false }, {}, false);
  }

  update(stats: PhaseStats, live: LiveStats = {}): void {
    this.draw(stats, live, false);
  }

  stop(stats: PhaseStats, live: LiveStats = {}): void {
    if (!this.line) return;
    this.line.end(this.render(stats, live, true));
    this.line = undefined;
    this.restoreOutput?.();
    this.restoreOutput = undefined;
  }

  private draw(stats: Pick<PhaseStats, "completed" | "errors" | "cancelled" | "timedOut">, live: LiveStats, final: boolean): void {
    this.line?.draw(this.render(stats, live, final));
  }

  private render(stats: Pick<PhaseStats, "completed" | "errors" | "cancelled" | "timedOut">, live: LiveStats, final: boolean): string {
    const now = performance.now();
    const elapsedS = (now - this.startedAt) / 1000;
    return progressLine(
      {
        phase: this.phase,
        completed: stats.completed,
        errors: stats.errors,
        cancelled: stats.cancelled,
        ...(this.total === undefined ? {} : { total: this.total }),
        ...(this.bounds.durationS === undefined ? {} : { durationS: this.bounds.durationS }),
        elapsedS,
        rate: final ? (elapsedS > 0 ? stats.completed / elapsedS : 0) : this.recentRate(now, stats.completed),
        ...(live.ttftP50Ms === undefined ? {} : { ttftP50Ms: live.ttftP50Ms }),
        final,
        ...(stats.timedOut ? { timedOut: true } : {}),
      },
      this.line?.width ?? 79,
      this.style,
    );
  }

  /** Completions per second over the last few seconds of ticks. */
  private recentRate(now: number, completed: number): number {
    this.ticks.push({ at: now, completed });
    while (this.ticks.length > 2 && (this.ticks[1] as { at: number }).at <= now - RATE_WINDOW_S * 1000) this.ticks.shift();
    const first = this.ticks[0] as { at: number; completed: number };
    const span = (now - first.at) / 1000;
    return span > 0 ? (completed - first.completed) / span : 0;
  }
}
