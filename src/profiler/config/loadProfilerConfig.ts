import path from "node:path";
import { type ConfigSource, type LoadedConfig, loadConfig } from "../../kernel/config/loadConfig.js";
import { AppConfig, ROUTED_SECTIONS } from "./AppConfig.js";

/**
 * The profiler's loaded config, with the blocks of routed sections (the `timing:` keys that
 * belong to the selected strategy, the `endpoint.mock:` keys of the mock server, …) kept apart
 * for that implementation's config class.
 * @public
 */
export interface ProfilerLoadedConfig extends LoadedConfig<AppConfig> {
  /**
   * Dotted section path (`timing`, `endpoint.mock`) → the keys the profiler does not own, as
   * written (after `${VAR}` and `--set`).
   */
  routed: Map<string, Record<string, unknown>>;
}

/** `phase_hooks: [name]` is shorthand for `[{ name }]`. */
function expandShorthand(raw: Record<string, unknown>): void {
  const plugins = raw.plugins as Record<string, unknown> | undefined;
  if (!plugins || typeof plugins !== "object") return;
  for (const key of ["phase_hooks", "post_processors"]) {
    const list = plugins[key];
    if (Array.isArray(list)) plugins[key] = list.map((item) => (typeof item === "string" ? { name: item } : item));
  }
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A phase given a duration but no request count has no request cap: without this, the class
 * default count would end a `duration_s: 60` run after 200 requests.
 */
function uncapDurationPhases(raw: Record<string, unknown>): void {
  const phases = raw.phases;
  if (phases === null || typeof phases !== "object") return;
  for (const phase of Object.values(phases as Record<string, unknown>)) {
    if (phase === null || typeof phase !== "object") continue;
    const bounds = phase as Record<string, unknown>;
    if (bounds.duration_s != null && !("requests" in bounds)) bounds.requests = null;
  }
}

/** `null` means "unset": the validated config carries undefined, as if the key were absent. */
function unsetNulls(phases: AppConfig["phases"]): void {
  for (const phase of [phases.warmup, phases.profiling]) {
    for (const key of ["requests", "duration_s", "timeout_s"] as const) if (phase[key] === null) delete phase[key];
  }
}

/**
 * Splits each routed section: owned keys stay for `AppConfig`, the rest goes to the selected
 * implementation. A key set to `null` is unset (how `--concurrency` drops a file's `rate`). A
 * section that is missing or not a mapping is left for `AppConfig` to report.
 */
function routeSections(raw: Record<string, unknown>, routed: Map<string, Record<string, unknown>>): void {
  for (const { path: sectionPath, owned } of ROUTED_SECTIONS) {
    const parentPath = sectionPath.slice(0, -1);
    const last = sectionPath[sectionPath.length - 1] as string;
    let parent: unknown = raw;
    for (const key of parentPath) parent = isMapping(parent) ? parent[key] : undefined;
    if (!isMapping(parent)) continue;
    const block = parent[last];
    if (!isMapping(block)) continue;
    const kept: Record<string, unknown> = {};
    const rest: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(block)) {
      if (owned.includes(key)) kept[key] = value;
      else if (value !== null) rest[key] = value;
    }
    parent[last] = kept;
    routed.set(sectionPath.join("."), rest);
  }
}

/**
 * Reads, substitutes, overrides and validates the profiler's config; `dataset.file` is made
 * absolute against the config file's folder. Throws `AIPERF_CONFIG_INVALID` with file:line:col.
 * @public
 */
export function loadProfilerConfig(source: ConfigSource = {}): ProfilerLoadedConfig {
  const routed = new Map<string, Record<string, unknown>>();
  const loaded = loadConfig<AppConfig>(source, {
    configClass: AppConfig,
    prepare: (raw) => {
      expandShorthand(raw);
      uncapDurationPhases(raw);
      routeSections(raw, routed);
      return raw;
    },
  });
  unsetNulls(loaded.config.phases);
  const dataset = loaded.config.dataset;
  if (dataset.file) dataset.file = path.resolve(loaded.baseDir, dataset.file);
  return Object.assign(loaded, { routed });
}
