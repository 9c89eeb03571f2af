import { type CreditSender, inject, LOGGER, type Logger, PLUGIN_CONFIG, RequestRateGenerator, type ScheduleReport, type TimingStrategy } from "aiperf";
import { describeSchedule } from "./describeSchedule.js";
import { driveSchedule, type ScheduleClock } from "./driveSchedule.js";
import type { RequestRateConfig } from "./RequestRateConfig.js";
import { realClock } from "./realClock.js";
import { SendSchedule } from "./SendSchedule.js";

/** Open-loop connections worth opening before the first request: about one second of requests. */
const PREWARM_CAP = 256;

/**
 * Built-in `request_rate`: an open loop at `timing.rate` requests per second. Send times follow
 * an absolute schedule (start + the sum of the generator's intervals), each send waited for
 * precisely and never sent early; `timing.stall_policy` decides what a send that is late after a
 * stall does to the rest (shift, skip or catch_up). `timing.max_concurrency` caps requests in
 * flight (the schedule then waits for a free slot, and those sends count as late).
 */
export class RequestRateStrategy implements TimingStrategy {
  private report: ScheduleReport | undefined;
  /** The clock the schedule runs on (tests replace it). */
  clock: ScheduleClock = realClock;

  constructor(
    @inject(PLUGIN_CONFIG) private readonly config: RequestRateConfig,
    @inject(RequestRateGenerator.token) private readonly generator: RequestRateGenerator,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Without `max_concurrency` an open loop has no bound of its own. */
  maxInFlight(): number | undefined {
    return this.config.max_concurrency;
  }

  /** The cap, else about one second of requests (an open loop's in-flight count is the server's latency × rate). */
  expectedInFlight(): number {
    return this.config.max_concurrency ?? Math.min(PREWARM_CAP, Math.max(1, Math.ceil(this.config.rate)));
  }

  requestedRate(): number {
    return this.config.rate;
  }

  scheduleReport(): ScheduleReport | undefined {
    return this.report;
  }

  async run(sender: CreditSender): Promise<void> {
    const { rate, max_concurrency: max, stall_policy: policy, late_tolerance_ms: tolerance } = this.config;
    const schedule = new SendSchedule(policy, this.clock.startNs(), () => this.generator.nextIntervalMs(rate) * 1e6, tolerance * 1e6);
    this.report = await driveSchedule(sender, schedule, this.clock, { maxInFlight: max });
    const line = describeSchedule(this.report, policy, tolerance);
    if (line) this.logger.info(`${sender.phase}: ${line}`);
  }
}
