import "reflect-metadata";
import { IsInt, Min } from "class-validator";

/** `timing:` keys of the built-in `concurrency` strategy. */
export class ConcurrencyConfig {
  /** Requests kept in flight. */
  @IsInt()
  @Min(1)
  concurrency = 8;
}
