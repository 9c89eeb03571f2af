import "reflect-metadata";
import { IsInt, Max, Min } from "aiperf/validators";

/** `timing:` keys of the built-in `concurrency` strategy. */
export class ConcurrencyConfig {
  /** Requests kept in flight (each is a worker and a connection: bounded so a typo cannot exhaust memory). */
  @IsInt()
  @Min(1)
  @Max(100_000)
  concurrency = 8;
}
