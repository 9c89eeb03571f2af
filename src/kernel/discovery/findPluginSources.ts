import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { ErrorCode } from "../errors/codes.js";
import type { RegistryProblem } from "../registry/types.js";
import { frameworkPackage } from "./frameworkRoot.js";
import type { PluginSource } from "./PluginSource.js";

interface PackageJson {
  name?: unknown;
  version?: unknown;
  dependencies?: unknown;
  optionalDependencies?: unknown;
  [field: string]: unknown;
}

/** A host's own registry of built-in implementations. */
export interface BuiltinRegistry {
  /** The registry.yaml file. */
  file: string;
  /** The folder its class paths must stay inside (default: the file's folder). */
  root?: string;
  /** Version shown for it (default: the framework's). */
  version?: string;
}

/** Where to look (DESIGN §5). */
export interface SourceOptions {
  /** The application's folder (its package.json and plugins/ live here). */
  root: string;
  /** Extra plugin folders from config `plugins.paths`, already absolute. */
  paths: readonly string[];
  /** The host's built-in registries, read first, in order (origin `builtin`). */
  builtin?: readonly BuiltinRegistry[];
  /** The package.json field that marks a plugin package: `{ "<field>": { "registry": "registry.yaml" } }`. Default `aiperf`. */
  manifestField?: string;
}

/** The registry path a package.json declares under the host's manifest field, if any. */
function declaredRegistry(pkg: PackageJson | undefined, field: string): string | undefined {
  const marker = pkg?.[field];
  if (marker === null || typeof marker !== "object") return undefined;
  const registry = (marker as { registry?: unknown }).registry;
  return typeof registry === "string" && registry !== "" ? registry : undefined;
}

function readJson(file: string): PackageJson | undefined {
  // Most plugin folders have no package.json: check first rather than pay for a thrown ENOENT.
  if (!existsSync(file)) return undefined;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, "utf8"));
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as PackageJson) : undefined;
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

/**
 * A folder is a plugin when its package.json has `aiperf.registry`, or it holds a registry.yaml.
 */
function folderSource(dir: string, origin: PluginSource["origin"], field: string): PluginSource | undefined {
  const root = realpathSync.native(dir);
  const pkg = readJson(path.join(root, "package.json"));
  const registry = declaredRegistry(pkg, field) ?? (existsSync(path.join(root, "registry.yaml")) ? "registry.yaml" : undefined);
  if (!registry) return undefined;
  return { origin, root, registryFile: path.resolve(root, registry), ...packageInfo(pkg) };
}

/** Name and version of a package.json, when they are strings (a hostile one may say `"name": 42`). */
function packageInfo(pkg: PackageJson | undefined): { packageName?: string; packageVersion?: string } {
  return {
    ...(typeof pkg?.name === "string" && pkg.name !== "" ? { packageName: pkg.name } : {}),
    ...(typeof pkg?.version === "string" && pkg.version !== "" ? { packageVersion: pkg.version } : {}),
  };
}

/**
 * Lists the registries to read, in discovery order: built-in, declared npm dependencies with an
 * `aiperf` field, the app's plugins/ folders, then config paths. Reads package.json files only.
 */
export function findPluginSources(options: SourceOptions): { sources: PluginSource[]; problems: RegistryProblem[] } {
  const sources: PluginSource[] = [];
  const problems: RegistryProblem[] = [];
  const framework = frameworkPackage();
  const field = options.manifestField ?? "aiperf";
  for (const builtin of options.builtin ?? []) {
    const registryFile = path.resolve(builtin.file);
    sources.push({
      origin: "builtin",
      root: path.resolve(builtin.root ?? path.dirname(registryFile)),
      registryFile,
      packageVersion: builtin.version ?? framework.version,
    });
  }

  const appManifest = path.join(options.root, "package.json");
  const app = readJson(appManifest);
  if (app) {
    const optional = new Set(Object.keys(objectOr(app.optionalDependencies)));
    const names = [...new Set([...Object.keys(objectOr(app.dependencies)), ...optional])];
    for (const name of names) {
      // The framework package is never a plugin of itself.
      if (name === "aiperf") continue;
      const dir = findPackageDir(options.root, name);
      if (!dir) {
        if (!optional.has(name)) {
          problems.push({
            code: ErrorCode.PluginNotFound,
            severity: "warning",
            message: `dependency "${name}" is not installed; run "npm install"`,
            location: { file: appManifest },
          });
        }
        continue;
      }
      const pkg = readJson(path.join(dir, "package.json"));
      const registry = declaredRegistry(pkg, field);
      if (!registry) continue;
      sources.push({ origin: "package", root: dir, registryFile: path.resolve(dir, registry), ...packageInfo(pkg) });
    }
  }

  const local = path.join(options.root, "plugins");
  if (isDirectory(local)) {
    for (const child of readdirSync(local).sort()) {
      const dir = path.join(local, child);
      if (!isDirectory(dir)) continue;
      const source = folderSource(dir, "local", field);
      if (source) sources.push(source);
    }
  }

  for (const dir of options.paths) {
    if (!isDirectory(dir)) {
      problems.push({ code: ErrorCode.PluginNotFound, severity: "error", message: `plugins.paths entry ${dir} is not a folder`, location: { file: dir } });
      continue;
    }
    const source = folderSource(dir, "path", field);
    if (source) sources.push(source);
    else
      problems.push({
        code: ErrorCode.PluginNotFound,
        severity: "error",
        message: `plugins.paths entry ${dir} has no registry.yaml (nor a package.json with "${field}": { "registry": ... })`,
        location: { file: dir },
      });
  }

  // A workspace plugin can be both a dependency and a plugins/ folder: read it once.
  const seen = new Set<string>();
  return {
    sources: sources.filter((s) => {
      if (seen.has(s.registryFile)) return false;
      seen.add(s.registryFile);
      return true;
    }),
    problems,
  };
}
