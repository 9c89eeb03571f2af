import "reflect-metadata";
import { IsBoolean, IsNumber, Min } from "aiperf/validators";
import { ScheduleConfig } from "./ScheduleConfig.js";

/** `timing:` keys of the built-in `fixed_schedule` strategy (trace replay). */
export class FixedScheduleConfig extends ScheduleConfig {
  /** Multiplies trace timestamps (0.5 replays twice as fast). */
  @IsNumber()
  @Min(0)
  time_scale = 1;

  /** Shift the trace so its first request is sent at once. */
  @IsBoolean()
  start_at_zero = true;
}
