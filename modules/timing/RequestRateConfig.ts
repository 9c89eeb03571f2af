import "reflect-metadata";
import { IsDefined, IsInt, IsNumber, IsOptional, Max, Min } from "aiperf/validators";
import { ScheduleConfig } from "./ScheduleConfig.js";

/** `timing:` keys of the built-in `request_rate` strategy. */
export class RequestRateConfig extends ScheduleConfig {
  /** Requests per second. */
  @IsDefined({ message: 'timing.strategy "request_rate" needs "rate" (requests per second), e.g. --request-rate 50' })
  @IsNumber()
  @Min(0.001)
  rate!: number;

  /** Cap on requests in flight (the schedule then waits for a free slot). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000)
  max_concurrency?: number;
}
