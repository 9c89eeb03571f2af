import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { ErrorCode } from "../errors/codes.js";
import type { RegistryProblem } from "../registry/types.js";
import { frameworkPackage } from "./frameworkRoot.js";
import type { PluginSource } from "./PluginSource.js";

interface PackageJson {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  aiperf?: { registry?: string };
}

/** Where to look (DESIGN §5). */
export interface SourceOptions {
  /** The application's folder (its package.json and plugins/ live here). */
  root: string;
  /** Extra plugin folders from config `plugins.paths`, already absolute. */
  paths: readonly string[];
  /** Skip the built-in registry (tests of discovery alone). */
  builtin?: boolean;
}

function readJson(file: string): PackageJson | undefined {
  // Most plugin folders have no package.json: check first rather than pay for a thrown ENOENT.
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as PackageJson;
  } catch {
    return undefined;
  }
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
function folderSource(dir: string, origin: PluginSource["origin"]): PluginSource | undefined {
  const root = realpathSync.native(dir);
  const pkg = readJson(path.join(root, "package.json"));
  const registry = pkg?.aiperf?.registry ?? (existsSync(path.join(root, "registry.yaml")) ? "registry.yaml" : undefined);
  if (!registry) return undefined;
  return {
    origin,
    root,
    registryFile: path.resolve(root, registry),
    ...(pkg?.name ? { packageName: pkg.name } : {}),
    ...(pkg?.version ? { packageVersion: pkg.version } : {}),
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

  if (options.builtin !== false) {
    sources.push({
      origin: "builtin",
      root: framework.root,
      registryFile: path.join(framework.root, "registry.yaml"),
      packageName: "aiperf",
      packageVersion: framework.version,
    });
  }

  const appManifest = path.join(options.root, "package.json");
  const app = readJson(appManifest);
  if (app) {
    const optional = new Set(Object.keys(app.optionalDependencies ?? {}));
    const names = [...new Set([...Object.keys(app.dependencies ?? {}), ...optional])];
    for (const name of names) {
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
      if (!pkg?.aiperf?.registry) continue;
      sources.push({
        origin: "package",
        root: dir,
        registryFile: path.resolve(dir, pkg.aiperf.registry),
        ...(pkg.name ? { packageName: pkg.name } : {}),
        ...(pkg.version ? { packageVersion: pkg.version } : {}),
      });
    }
  }

  const local = path.join(options.root, "plugins");
  if (isDirectory(local)) {
    for (const child of readdirSync(local).sort()) {
      const dir = path.join(local, child);
      if (!isDirectory(dir)) continue;
      const source = folderSource(dir, "local");
      if (source) sources.push(source);
    }
  }

  for (const dir of options.paths) {
    if (!isDirectory(dir)) {
      problems.push({ code: ErrorCode.PluginNotFound, severity: "error", message: `plugins.paths entry ${dir} is not a folder`, location: { file: dir } });
      continue;
    }
    const source = folderSource(dir, "path");
    if (source) sources.push(source);
    else
      problems.push({
        code: ErrorCode.PluginNotFound,
        severity: "error",
        message: `plugins.paths entry ${dir} has no registry.yaml (nor a package.json with "aiperf": { "registry": ... })`,
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
