import type { PluginsConfig } from "../config/KernelConfig.js";
import type { SourceLocation } from "../errors/AiperfError.js";
import { TypeNotFoundError } from "../errors/errors.js";
import type { Registry } from "../registry/Registry.js";
import { normalizeName } from "../util/normalizeName.js";
import type { Selection, Selections } from "./Selections.js";

/** Where an implementation's config block comes from. */
export interface ConfigBlock {
  block: Record<string, unknown> | undefined;
  path: (string | number)[];
}

/** What config decided, checked against the registry. */
export interface SelectionPlan {
  /** `one` protocols: the selected implementation. */
  defaults: Map<string, string>;
  /** `many` protocols: enabled implementations in binding order (named ones, then auto-loaded). */
  enabled: Map<string, string[]>;
  /** `protocol.name` → that implementation's config block. */
  blocks: Map<string, ConfigBlock>;
}

/**
 * Checks every selection against the registry and decides the bindings. An explicit name nobody
 * provides fails with the sorted choices, the closest one and file:line:col; a default nobody
 * provides is skipped. `extraNames` are names that overrides add.
 */
export function planSelections(
  registry: Registry,
  selections: Selections,
  plugins: PluginsConfig,
  extraNames: ReadonlyMap<string, ReadonlySet<string>>,
  locate: (keyPath: readonly (string | number)[]) => SourceLocation | undefined,
): SelectionPlan {
  const plan: SelectionPlan = { defaults: new Map(), enabled: new Map(), blocks: new Map() };
  const usable = (protocol: string, sel: Selection): boolean => {
    if (registry.has(protocol, sel.name) || extraNames.get(protocol)?.has(sel.name)) return true;
    if (!sel.explicit) return false;
    throw new TypeNotFoundError(
      protocol,
      sel.name,
      registry.winners(protocol).map((e) => e.name),
      locate(sel.path),
    );
  };
  const keepBlock = (protocol: string, sel: Selection) => {
    if (sel.config !== undefined) plan.blocks.set(`${protocol}.${sel.name}`, { block: sel.config, path: sel.configPath ?? [...sel.path, "config"] });
  };
  for (const [protocolName, sel] of selections.one) {
    const protocol = registry.protocol(protocolName);
    if (protocol.cardinality !== "one" || !usable(protocol.name, sel)) continue;
    plan.defaults.set(protocol.name, sel.name);
    keepBlock(protocol.name, sel);
  }
  for (const protocol of registry.protocols()) {
    if (protocol.cardinality === "many")
      plan.enabled.set(protocol.name, enabledNames(registry, protocol.name, selections.many.get(protocol.name) ?? [], usable, keepBlock));
  }
  for (const [key, block] of Object.entries(plugins.settings)) {
    const normalized = key.split(".").map(normalizeName).join(".");
    if (!plan.blocks.has(normalized)) plan.blocks.set(normalized, { block, path: ["plugins", "settings", key] });
  }
  return plan;
}

function enabledNames(
  registry: Registry,
  protocol: string,
  chosen: readonly Selection[],
  usable: (protocol: string, sel: Selection) => boolean,
  keepBlock: (protocol: string, sel: Selection) => void,
): string[] {
  const names: string[] = [];
  for (const sel of chosen) {
    if (!usable(protocol, sel) || names.includes(sel.name)) continue;
    names.push(sel.name);
    keepBlock(protocol, sel);
  }
  for (const entry of registry.winners(protocol)) {
    if (entry.autoLoad && !names.includes(entry.name)) names.push(entry.name);
  }
  return names;
}
