import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import type { PluginOrigin } from "../registry/types.js";
import type { PluginSource } from "./PluginSource.js";
import { readPluginPackage } from "./readPluginPackage.js";

/**
 * The plugin at a folder (its package.json `<field>.registry`, else its registry.yaml) or at a
 * registry file; undefined when there is none. With `declaredOnly` (npm dependencies), only a
 * package.json that declares a registry makes a plugin. A package.json that declares one wrongly
 * still makes a source, carrying the problem, so the plugin is reported rather than ignored.
 */
export function pluginSourceAt(target: string, origin: PluginOrigin, field: string, declaredOnly = false): PluginSource | undefined {
  const kind = kindOf(target);
  if (kind === undefined) return undefined;
  const root = realpathSync.native(kind === "dir" ? target : path.dirname(target));
  const pkg = readPluginPackage(root, field);
  const info = {
    ...(pkg?.name === undefined ? {} : { packageName: pkg.name }),
    ...(pkg?.version === undefined ? {} : { packageVersion: pkg.version }),
    ...(pkg && pkg.problems.length > 0 ? { problems: pkg.problems } : {}),
  };
  if (kind !== "dir") return { origin, root, registryFile: path.join(root, path.basename(target)), ...info };
  // A registry.yaml that is not a regular file (a FIFO, a socket, a directory) still marks a
  // plugin, so reading it reports the problem instead of the plugin vanishing without a word.
  const local = !declaredOnly ? kindOf(path.join(root, "registry.yaml")) : undefined;
  const registry = pkg?.registry ?? (local !== undefined ? "registry.yaml" : undefined);
  if (registry !== undefined) return { origin, root, registryFile: path.resolve(root, registry), ...info };
  if (pkg?.marked && pkg.problems.length > 0) return { origin, root, registryFile: pkg.file, ...info };
  return undefined;
}

function kindOf(p: string): "file" | "dir" | "other" | undefined {
  try {
    const stat = statSync(p);
    return stat.isFile() ? "file" : stat.isDirectory() ? "dir" : "other";
  } catch {
    return undefined;
  }
}
