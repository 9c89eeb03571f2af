import "reflect-metadata";
import { IsInt, IsOptional, Min } from "aiperf/validators";

/** `service_manager:` keys of the built-in `multiprocess` (worker processes) and `threads` (worker threads) managers. */
export class MultiprocessConfig {
  /** Worker processes (or threads); default one per core. */
  @IsOptional()
  @IsInt()
  @Min(1)
  workers?: number;
}
