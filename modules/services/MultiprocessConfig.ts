import "reflect-metadata";
import { IsInt, IsOptional, Min } from "class-validator";

/** `service_manager:` keys of the built-in `multiprocess` manager. */
export class MultiprocessConfig {
  /** Worker threads; default one per core. */
  @IsOptional()
  @IsInt()
  @Min(1)
  workers?: number;
}
