import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { ErrorCode } from "../errors/codes.js";
import type { RegistryProblem } from "../registry/types.js";
import { frameworkPackage } from "./frameworkRoot.js";
import type { PluginSource } from "./PluginSource.js";
import { pluginSourceAt } from "./pluginSourceAt.js";

/**
 * A host's own registry of built-in implementations.
 * @public
 */
export interface BuiltinRegistry {
  /** The registry.yaml file. */
  file: string;
  /** The folder its class paths must stay inside (default: the file's folder). */
  root?: string;
  /** Version shown for it (default: the framework's). */
  version?: string;
}

/** Where to look. */
export interface SourceOptions {
  /** The application's folder (its package.json and plugins/ live here). */
  root: string;
  /** Extra plugin folders from config `plugins.paths`, already absolute. */
  paths: readonly string[];
  /** The host's built-in registries, read first, in order (origin `builtin`). */
  builtin?: readonly BuiltinRegistry[];
  /** The package.json field that marks a plugin package: `{ "<field>": { "registry": "registry.yaml" } }`. Default `aiperf`. */
  manifestField?: string;
  /** Sources read last, unless already found (`plugins validate` adds its targets here). */
  include?: readonly PluginSource[];
}

interface Found {
  sources: PluginSource[];
  problems: RegistryProblem[];
}

/**
 * Lists the registries to read, in discovery order: built-in, declared npm dependencies with an
 * `aiperf` field, the app's plugins/ folders, config paths, then `include`. Reads package.json
 * files only.
 */
export function findPluginSources(options: SourceOptions): Found {
  const found: Found = { sources: [], problems: [] };
  const field = options.manifestField ?? "aiperf";
  builtinSources(options.builtin ?? [], found);
  dependencySources(options.root, field, found);
  localSources(path.join(options.root, "plugins"), field, found);
  for (const dir of options.paths) pathSource(dir, field, found);
  found.sources.push(...(options.include ?? []));
  // A workspace plugin can be both a dependency and a plugins/ folder: read it once.
  const seen = new Set<string>();
  found.sources = found.sources.filter((s) => {
    if (seen.has(s.registryFile)) return false;
    seen.add(s.registryFile);
    return true;
  });
  return found;
}

function builtinSources(builtin: readonly BuiltinRegistry[], found: Found): void {
  const framework = frameworkPackage();
  for (const entry of builtin) {
    const registryFile = path.resolve(entry.file);
    found.sources.push({
      origin: "builtin",
      root: path.resolve(entry.root ?? path.dirname(registryFile)),
      registryFile,
      packageVersion: entry.version ?? framework.version,
    });
  }
}

/** The app's dependencies whose package.json declares a registry under the host's field. */
function dependencySources(root: string, field: string, found: Found): void {
  const appManifest = path.join(root, "package.json");
  const app = readJson(appManifest);
  if (!app) return;
  const optional = new Set(Object.keys(objectOr(app.optionalDependencies)));
  for (const name of new Set([...Object.keys(objectOr(app.dependencies)), ...optional])) {
    // The framework package is never a plugin of itself.
    if (name === "aiperf") continue;
    const dir = findPackageDir(root, name);
    if (dir) {
      const source = pluginSourceAt(dir, "package", field, true);
      if (source) found.sources.push(source);
    } else if (!optional.has(name)) {
      found.problems.push({
        code: ErrorCode.PluginNotFound,
        severity: "warning",
        message: `dependency "${name}" is not installed; run "npm install"`,
        location: { file: appManifest },
      });
    }
  }
}

function localSources(local: string, field: string, found: Found): void {
  if (!isDirectory(local)) return;
  for (const child of readdirSync(local).sort()) {
    const dir = path.join(local, child);
    if (!isDirectory(dir)) continue;
    const source = pluginSourceAt(dir, "local", field);
    if (source) found.sources.push(source);
  }
}

function pathSource(dir: string, field: string, found: Found): void {
  const source = isDirectory(dir) ? pluginSourceAt(dir, "path", field) : undefined;
  if (source) {
    found.sources.push(source);
    return;
  }
  found.problems.push({
    code: ErrorCode.PluginNotFound,
    severity: "error",
    message: isDirectory(dir)
      ? `plugins.paths entry ${dir} has no registry.yaml (nor a package.json with "${field}": { "registry": ... })`
      : `plugins.paths entry ${dir} is not a folder`,
    location: { file: dir },
  });
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return objectOr(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return undefined;
  }
}

function objectOr(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Finds a dependency's folder the way Node does: node_modules of the root and its ancestors. */
function findPackageDir(root: string, name: string): string | undefined {
  let dir = root;
  for (;;) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync.native(candidate);
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
