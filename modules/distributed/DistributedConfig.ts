import "reflect-metadata";
import { IsInt, IsOptional, IsString, Matches, Max, Min } from "aiperf/validators";

/** `service_manager:` keys of the built-in `distributed` manager. */
export class DistributedConfig {
  /**
   * Where the controller listens for workers (`tcp://HOST:PORT`). Loopback unless told otherwise:
   * any other interface requires `curve_key_file` (or the `AIPERF_CURVE_*` variables).
   */
  @IsString()
  @Matches(/^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[^:/\s]+):(\d{1,5}|\*)$/, { message: "bind must look like tcp://HOST:PORT (PORT * picks a free one)" })
  bind = "tcp://127.0.0.1:5555";

  /** Workers (`aiperf worker --controller …`, started elsewhere) the run waits for. */
  @IsInt()
  @Min(1)
  @Max(4096)
  workers = 1;

  /** How long the controller waits for every worker to join and be ready before failing. */
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  join_timeout_ms = 60_000;

  /**
   * Heartbeat period, both ways. A worker silent for 3 periods is lost (its in-flight requests
   * fail); a worker that hears nothing from its controller for 3 periods exits.
   */
  @IsInt()
  @Min(20)
  @Max(60_000)
  heartbeat_ms = 1000;

  /** The CURVE keypair file written by `aiperf worker keygen`, shared by the controller and its workers. */
  @IsOptional()
  @IsString()
  curve_key_file?: string;
}
