import { type CreditSender, inject, monotonicNs, PLUGIN_CONFIG, type TimingStrategy, type Turn } from "aiperf";
import type { FixedScheduleConfig } from "./FixedScheduleConfig.js";
import { sleepUntil } from "./sleepUntil.js";

/**
 * Built-in `fixed_schedule`: replays the dataset's timestamps (trace replay). Request i goes out
 * at phase start + (timestamp_i − first timestamp) × `timing.time_scale` (without the shift when
 * `timing.start_at_zero` is false). Each record keeps its scheduled time, so the results report
 * how late requests were sent (schedule slip).
 */
export class FixedScheduleStrategy implements TimingStrategy {
  constructor(@inject(PLUGIN_CONFIG) private readonly config: FixedScheduleConfig) {}

  async run(sender: CreditSender): Promise<void> {
    const timed = sender.dataset.filter((t): t is Turn & { timestampMs: number } => t.timestampMs !== undefined);
    if (timed.length === 0)
      throw new Error('timing.strategy "fixed_schedule" needs a dataset with timestamps (dataset.composer: custom, dataset.loader: mooncake_trace)');
    const schedule = [...timed].sort((a, b) => a.timestampMs - b.timestampMs);
    const { time_scale: scale, start_at_zero: atZero } = this.config;
    const origin = atZero ? (schedule[0] as Turn & { timestampMs: number }).timestampMs : 0;
    const start = monotonicNs();
    const inFlight = new Set<Promise<void>>();
    for (const turn of schedule) {
      if (!sender.canSend()) break;
      const at = start + (turn.timestampMs - origin) * scale * 1e6;
      await sleepUntil(at, sender.signal, true);
      if (!sender.canSend()) break;
      const p = sender.send(turn, at);
      inFlight.add(p);
      p.finally(() => inFlight.delete(p));
    }
  }
}
