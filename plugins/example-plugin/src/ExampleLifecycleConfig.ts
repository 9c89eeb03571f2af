import { IsOptional, IsString } from "aiperf/validators";

/** Config of the plugin's lifecycle: `plugins.settings["plugin.aiperf-example-plugin"]`. */
export class ExampleLifecycleConfig {
  /** A file the plugin keeps open while the app runs, one line per start and stop. None: no file. */
  @IsOptional()
  @IsString()
  log_file?: string;
}
