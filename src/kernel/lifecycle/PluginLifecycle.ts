/**
 * What a plugin's `health()` reports. `degraded`: working, with a problem worth a look; `down`:
 * not working.
 * @public
 */
export type HealthStatus = "ok" | "degraded" | "down";

/**
 * A plugin's answer to `health()`: a status, or a status with a short detail.
 * @public
 */
export type HealthCheck = HealthStatus | { status: HealthStatus; detail?: string };

/**
 * A plugin's lifecycle class, named by `plugin.lifecycle` in its registry.yaml and built through the
 * app container (its `@inject`s resolve; `PLUGIN_CONFIG` is its `plugins.settings["plugin.<name>"]`
 * block, validated by the class's static `configClass` when it has one; `PLUGIN_STATE` its state).
 * Every method is optional.
 * @public
 */
export interface PluginLifecycle {
  /** Called by `app.start()`, after the plugin's dependencies initialized. */
  initialize?(): void | Promise<void>;
  /** Called by `app.dispose()`, in reverse order of start, only if `initialize` succeeded. */
  cleanup?(): void | Promise<void>;
  /** Called by `app.health()`; a plugin without it is `ok` while started. */
  health?(): HealthCheck | Promise<HealthCheck>;
}

/**
 * What `app.start()` did: plugins initialized (in completion order), those whose `initialize`
 * failed or timed out, and those not started because a dependency did not start.
 * @public
 */
export interface StartReport {
  started: string[];
  failed: { plugin: string; cause: string }[];
  skipped: { plugin: string; because: string }[];
}

/**
 * One plugin's health: its status, an optional detail, and how long the check took.
 * @public
 */
export interface PluginHealth {
  status: HealthStatus;
  detail?: string;
  ms: number;
}

/**
 * `app.health()`: the worst plugin status overall, and each plugin's.
 * @public
 */
export interface HealthReport {
  status: HealthStatus;
  plugins: Record<string, PluginHealth>;
}
