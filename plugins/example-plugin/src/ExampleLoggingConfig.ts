import { IsBoolean, IsNotEmpty, IsString } from "aiperf/validators";

/** Config of `example_logging`. */
export class ExampleLoggingConfig {
  /** The file to append to (created with its folder). */
  @IsString()
  @IsNotEmpty()
  log_file!: string;

  /** Also log in-flight and cancelled counts. */
  @IsBoolean()
  verbose = false;
}
