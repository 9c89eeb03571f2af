import { IsNotEmpty, IsString } from "aiperf/validators";

/** Config of `example_metrics_collector`. */
export class ExampleMetricsCollectorConfig {
  /** The JSON file to write (replaced atomically at every event). */
  @IsString()
  @IsNotEmpty()
  metrics_file!: string;
}
