import type { PhaseStats, Ui } from "aiperf";
import cliProgress from "cli-progress";

/** Built-in `progress`: a progress bar with rate and ETA on the terminal (stderr). */
export class ProgressUi implements Ui {
  private bar: cliProgress.SingleBar | undefined;
  private startedAt = 0;

  start(phase: string, total: number | undefined): void {
    this.startedAt = Date.now();
    this.bar = new cliProgress.SingleBar(
      {
        format: `${phase.padEnd(9)} [{bar}] {value}/{total} | {rate} req/s | errors {errors} | ETA {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    this.bar.start(total ?? 0, 0, { rate: "0", errors: 0 });
  }

  update(stats: PhaseStats): void {
    const elapsed = (Date.now() - this.startedAt) / 1000;
    this.bar?.update(stats.completed, { rate: elapsed > 0 ? (stats.completed / elapsed).toFixed(1) : "0", errors: stats.errors });
  }

  stop(stats: PhaseStats): void {
    this.update(stats);
    this.bar?.stop();
    this.bar = undefined;
  }
}
