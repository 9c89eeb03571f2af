import { inject, type LiveStats, LOG_OUTPUT, type LogOutput, optional, type PhaseStats, type Ui } from "aiperf";

const EVERY_MS = 5000;

/**
 * Built-in `simple`: a plain progress line every 5 s (stderr), for pipes, logs and CI. It reports
 * progress only: phase events (started, complete, timed out) are the `phase_logging` hook's lines,
 * and printing them here too would show each event twice.
 */
export class SimpleUi implements Ui {
  private lastAt = 0;
  private startedAt = 0;
  private total: number | undefined;
  private phase = "";

  constructor(@inject(LOG_OUTPUT) @optional() private readonly output: LogOutput | undefined) {}

  start(phase: string, total: number | undefined): void {
    this.phase = phase;
    this.total = total;
    this.startedAt = Date.now();
    this.lastAt = this.startedAt;
  }

  update(stats: PhaseStats, live: LiveStats = {}): void {
    const now = Date.now();
    if (now - this.lastAt < EVERY_MS) return;
    this.lastAt = now;
    const elapsed = (now - this.startedAt) / 1000;
    const rate = elapsed > 0 ? stats.completed / elapsed : 0;
    const ttft = live.ttftP50Ms === undefined ? "" : `, TTFT p50 ${live.ttftP50Ms.toFixed(1)} ms`;
    const line = `[aiperf] ${this.phase}: ${stats.completed}${this.total ? `/${this.total}` : ""} completed, ${stats.errors} errors, ${rate.toFixed(1)} req/s${ttft}\n`;
    if (this.output) this.output.write(line);
    else process.stderr.write(line);
  }

  stop(): void {}
}
