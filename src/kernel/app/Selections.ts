import type { PluginsConfig } from "../config/KernelConfig.js";
import { normalizeName } from "../util/normalizeName.js";

/**
 * One implementation chosen by config.
 * @public
 */
export interface Selection {
  /** The implementation's name (normalized). */
  name: string;
  /** The config key that chose it, for error locations. */
  path: (string | number)[];
  /** False for values that only come from defaults: a missing default is skipped, not an error. */
  explicit: boolean;
  /** The implementation's own config block, validated by its registry `config:` class. */
  config?: Record<string, unknown>;
  /** Where that block sits in the config (default: `path` + `config`). */
  configPath?: (string | number)[];
}

/**
 * What the host's config chose: a name for each `one` protocol, an ordered list for each `many`
 * protocol. The host maps its own keys to these; the kernel adds `plugins.select`.
 * @public
 */
export interface Selections {
  one: Map<string, Selection>;
  many: Map<string, Selection[]>;
}

/** An empty set of selections. */
export function emptySelections(): Selections {
  return { one: new Map(), many: new Map() };
}

/** Adds `plugins.select` (protocol → name or names) to the host's selections; it wins over them. */
export function withPluginSelect(selections: Selections, plugins: PluginsConfig): Selections {
  for (const [protocol, value] of Object.entries(plugins.select)) {
    const names = Array.isArray(value) ? value : [value];
    const key = normalizeName(protocol);
    const chosen = names.map((n, i) => ({
      name: normalizeName(String(n)),
      path: ["plugins", "select", protocol, ...(Array.isArray(value) ? [i] : [])],
      explicit: true,
    }));
    selections.many.set(key, chosen);
    if (chosen[0]) selections.one.set(key, chosen[0]);
  }
  return selections;
}
