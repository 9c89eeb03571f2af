import "reflect-metadata";
import { Type } from "class-transformer";
import { MAX_TIMER_MS } from "../util/maxTimerMs.js";
import { IsArray, IsIn, IsInt, IsObject, IsString, Max, Min, ValidateNested } from "../validators.js";

/**
 * The `plugins:` section, owned by the kernel: which plugins are read and which implementations
 * are chosen. A host extends this class to add its own keys to the section.
 * @public
 */
export class PluginsConfig {
  /** Extra local plugin folders, relative to the config file (for a config object: to the app root). */
  @IsArray()
  @IsString({ each: true })
  paths: string[] = [];

  /** Plugin names to ignore. */
  @IsArray()
  @IsString({ each: true })
  disabled: string[] = [];

  /**
   * Upper bound of one hook call (the host decides which calls are hooks). At most 2^31 − 1 ms,
   * what a Node timer holds: a longer timer fires after 1 ms and would fail every hook.
   */
  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_MS)
  hook_timeout_ms = 5000;

  /** Upper bound of one event handler call (including its first import); an overrun is reported, not awaited. */
  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_MS)
  event_timeout_ms = 5000;

  /** Upper bound of one plugin lifecycle `initialize()` or `cleanup()` call. */
  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_MS)
  start_timeout_ms = 10000;

  /** Upper bound of one plugin lifecycle `health()` call. */
  @IsInt()
  @Min(1)
  @Max(MAX_TIMER_MS)
  health_timeout_ms = 5000;

  /** `isolate`: a plugin that fails to start is reported and its dependents skipped; `fail`: `app.start()` rejects. */
  @IsIn(["isolate", "fail"])
  on_start_failure: "isolate" | "fail" = "isolate";

  /** Protocol to implementation name (`one`) or names (`many`), for protocols the host maps no key to. */
  @IsObject()
  select: Record<string, string | string[]> = {};

  /** Config blocks for any implementation, keyed `protocol.name`; a plugin's lifecycle class reads `plugin.<plugin name>`. */
  @IsObject()
  settings: Record<string, Record<string, unknown>> = {};
}

/**
 * The config every app has: only `plugins:`. A host passes its own class (with `plugins` of
 * `PluginsConfig` or a subclass, and its own sections) to `createApp({ configClass })`.
 * @public
 */
export class KernelConfig {
  @ValidateNested()
  @Type(() => PluginsConfig)
  plugins: PluginsConfig = new PluginsConfig();
}
