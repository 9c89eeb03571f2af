import { AiperfError } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";
import type { PluginRecord } from "../registry/types.js";
import { normalizeName } from "../util/normalizeName.js";

/** One plugin to start and the plugins (normalized names) it waits for. */
export interface StartNode {
  key: string;
  plugin: PluginRecord;
  deps: string[];
}

/**
 * The plugins to start: the enabled ones and, transitively, what they depend on, in a stable
 * order. Every dependency must be a usable plugin whose version satisfies the range, and the
 * graph must have no cycle; otherwise this throws before anything is initialized.
 */
export function planPluginStart(
  plugins: readonly PluginRecord[],
  enabled: ReadonlySet<string>,
  satisfies: (version: string, range: string) => boolean,
): StartNode[] {
  const usable = new Map(plugins.filter((p) => !p.skipped).map((p) => [normalizeName(p.name), p]));
  const nodes = new Map<string, StartNode>();
  const visit = (key: string): void => {
    const plugin = usable.get(key);
    if (!plugin || nodes.has(key)) return;
    const deps = (plugin.dependencies ?? []).map((d) => d.name);
    nodes.set(key, { key, plugin, deps });
    for (const dep of plugin.dependencies ?? []) {
      const target = usable.get(dep.name);
      if (!target) {
        const why = plugins.some((p) => normalizeName(p.name) === dep.name) ? "is skipped" : "is not installed";
        throw new AiperfError(ErrorCode.PluginDependencyMissing, `plugin "${plugin.name}" depends on "${dep.displayName}", which ${why}`, {
          location: dep.location,
        });
      }
      if (dep.range !== undefined && !satisfies(target.version, dep.range)) {
        throw new AiperfError(
          ErrorCode.PluginDependencyVersion,
          `plugin "${plugin.name}" needs "${target.name}" ${dep.range}, but ${target.version} is installed`,
          { location: dep.location },
        );
      }
      visit(dep.name);
    }
  };
  for (const key of [...enabled].sort()) visit(key);
  checkCycles(nodes);
  return [...nodes.values()];
}

/** Depth-first search; a node met again on the current path closes a cycle, spelled out in full. */
function checkCycles(nodes: ReadonlyMap<string, StartNode>): void {
  const done = new Set<string>();
  const path: string[] = [];
  const walk = (key: string): void => {
    if (done.has(key)) return;
    const at = path.indexOf(key);
    if (at >= 0) {
      const names = [...path.slice(at), key].map((k) => nodes.get(k)?.plugin.name ?? k);
      throw new AiperfError(ErrorCode.PluginDependencyCycle, `plugin dependencies form a cycle: ${names.join(" → ")}`);
    }
    path.push(key);
    for (const dep of nodes.get(key)?.deps ?? []) walk(dep);
    path.pop();
    done.add(key);
  };
  for (const key of nodes.keys()) walk(key);
}
