import type { LoadedConfig } from "../../kernel/config/loadConfig.js";
import { normalizeName } from "../../kernel/util/normalizeName.js";
import { MANY_SELECTIONS, ONE_SELECTIONS } from "./AppConfig.js";

/** One implementation chosen by config. */
export interface Selection {
  name: string;
  /** Config key that chose it (for error locations). */
  path: (string | number)[];
  /** False for values that only come from defaults: a missing default is skipped, not an error. */
  explicit: boolean;
  /** The implementation's own `config:` block. */
  config?: Record<string, unknown>;
}

function getPath(raw: unknown, keyPath: readonly (string | number)[]): unknown {
  let node = raw;
  for (const key of keyPath) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * Which implementation each protocol uses, read from config: `one` protocols get a name,
 * `many` protocols an ordered list. `ui: auto` becomes progress on a terminal, simple elsewhere.
 */
export function computeSelections(loaded: LoadedConfig, isTTY: boolean): { one: Map<string, Selection>; many: Map<string, Selection[]> } {
  const one = new Map<string, Selection>();
  const many = new Map<string, Selection[]>();
  const config = loaded.config as unknown as Record<string, unknown>;
  for (const { protocol, path } of ONE_SELECTIONS) {
    let value = getPath(config, path);
    if (typeof value !== "string") continue;
    if (protocol === "ui" && value === "auto") value = isTTY ? "progress" : "simple";
    one.set(protocol, { name: normalizeName(value as string), path: [...path], explicit: getPath(loaded.raw, path) !== undefined });
  }
  for (const { protocol, path } of MANY_SELECTIONS) {
    const list = getPath(config, path);
    if (!Array.isArray(list)) continue;
    const explicit = getPath(loaded.raw, path) !== undefined;
    many.set(
      protocol,
      list.map((item: unknown, i) => {
        const ref = typeof item === "string" ? { name: item } : (item as { name: string; config?: Record<string, unknown> });
        return { name: normalizeName(ref.name), path: [...path, i], explicit, ...(ref.config ? { config: ref.config } : {}) };
      }),
    );
  }
  for (const [protocol, value] of Object.entries(loaded.config.plugins.select)) {
    const names = Array.isArray(value) ? value : [value];
    const key = normalizeName(protocol);
    const selections = names.map((n, i) => ({
      name: normalizeName(String(n)),
      path: ["plugins", "select", protocol, ...(Array.isArray(value) ? [i] : [])],
      explicit: true,
    }));
    many.set(key, selections);
    if (selections[0]) one.set(key, selections[0]);
  }
  return { one, many };
}
