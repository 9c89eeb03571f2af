import type { PhaseStats, Ui } from "aiperf";

/** Built-in `simple`: a progress line every 5 s (stderr), for logs and CI. */
export class SimpleUi implements Ui {
  private lastAt = 0;
  private startedAt = 0;
  private total: number | undefined;
  private phase = "";

  start(phase: string, total: number | undefined): void {
    this.phase = phase;
    this.total = total;
    this.startedAt = Date.now();
    this.lastAt = this.startedAt;
    process.stderr.write(`[aiperf] ${phase}: started${total ? ` (${total} requests)` : ""}\n`);
  }

  update(stats: PhaseStats): void {
    const now = Date.now();
    if (now - this.lastAt < 5000) return;
    this.lastAt = now;
    process.stderr.write(`[aiperf] ${this.line(stats, now)}\n`);
  }

  stop(stats: PhaseStats): void {
    process.stderr.write(`[aiperf] ${this.line(stats, Date.now())} done${stats.timedOut ? " (timed out)" : ""}\n`);
  }

  private line(stats: PhaseStats, now: number): string {
    const elapsed = (now - this.startedAt) / 1000;
    const rate = elapsed > 0 ? stats.completed / elapsed : 0;
    return `${this.phase}: ${stats.completed}${this.total ? `/${this.total}` : ""} completed, ${stats.errors} errors, ${rate.toFixed(1)} req/s`;
  }
}
