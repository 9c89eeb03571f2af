import { type CreditSender, inject, LOGGER, type Logger, PLUGIN_CONFIG, type ScheduleReport, type TimingStrategy, type Turn } from "aiperf";
import { describeSchedule } from "./describeSchedule.js";
import { driveSchedule, type ScheduleClock } from "./driveSchedule.js";
import type { FixedScheduleConfig } from "./FixedScheduleConfig.js";
import { realClock } from "./realClock.js";
import { SendSchedule } from "./SendSchedule.js";

type TimedTurn = Turn & { timestampMs: number };

/**
 * Built-in `fixed_schedule`: replays the dataset's timestamps (trace replay). Request i is due at
 * phase start + (timestamp_i − first timestamp) × `timing.time_scale` (without the shift when
 * `timing.start_at_zero` is false), waited for precisely and never sent early. `timing.stall_policy`
 * decides what a late send does to the rest of the trace (shift it, skip the overdue turns, or
 * catch up). Each record keeps its scheduled time, so the results report schedule slip.
 */
export class FixedScheduleStrategy implements TimingStrategy {
  private report: ScheduleReport | undefined;
  /** The clock the schedule runs on (tests replace it). */
  clock: ScheduleClock = realClock;

  constructor(
    @inject(PLUGIN_CONFIG) private readonly config: FixedScheduleConfig,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  scheduleReport(): ScheduleReport | undefined {
    return this.report;
  }

  async run(sender: CreditSender): Promise<void> {
    const timed = sender.dataset.filter((t): t is TimedTurn => t.timestampMs !== undefined);
    if (timed.length === 0)
      throw new Error('timing.strategy "fixed_schedule" needs a dataset with timestamps (dataset.composer: custom, dataset.loader: mooncake_trace)');
    const turns = [...timed].sort((a, b) => a.timestampMs - b.timestampMs);
    const { time_scale: scale, start_at_zero: atZero, stall_policy: policy, late_tolerance_ms: tolerance } = this.config;
    const origin = atZero ? (turns[0] as TimedTurn).timestampMs : 0;
    const toNs = (ms: number) => ms * scale * 1e6;
    // The schedule asks for one interval per slot it passes (skipped ones too): `next` follows it.
    let next = 0;
    const gap = () => {
      next++;
      return next < turns.length ? toNs((turns[next] as TimedTurn).timestampMs - (turns[next - 1] as TimedTurn).timestampMs) : Number.POSITIVE_INFINITY;
    };
    const schedule = new SendSchedule(policy, this.clock.startNs() + toNs((turns[0] as TimedTurn).timestampMs - origin), gap, tolerance * 1e6);
    this.report = await driveSchedule(sender, schedule, this.clock, { turn: () => turns[next], exhausted: () => next >= turns.length });
    const line = describeSchedule(this.report, policy, tolerance);
    if (line) this.logger.info(`${sender.phase}: ${line}`);
  }
}
