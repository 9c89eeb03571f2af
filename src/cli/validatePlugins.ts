import { existsSync, readFileSync, statSync } from "node:fs";
import { importModule } from "../kernel/binding/importModule.js";
import { missingMembers } from "../kernel/binding/LazyImplementation.js";
import { discoverPlugins } from "../kernel/discovery/discoverPlugins.js";
import type { BuiltinRegistry } from "../kernel/discovery/findPluginSources.js";
import type { ManifestReader } from "../kernel/discovery/manifestCache.js";
import type { PluginSource } from "../kernel/discovery/PluginSource.js";
import { pluginSourceAt } from "../kernel/discovery/pluginSourceAt.js";
import { readManifest } from "../kernel/discovery/readManifest.js";
import { ErrorCode } from "../kernel/errors/codes.js";
import type { Protocol } from "../kernel/protocol/defineProtocol.js";
import type { ResolvedClassPath } from "../kernel/registry/classPath.js";
import type { Registry } from "../kernel/registry/Registry.js";
import type { ManifestEntry, ParsedManifest, RegistryProblem } from "../kernel/registry/types.js";
import { closestName } from "../kernel/util/closestName.js";
import { validateClass } from "../kernel/util/validateClass.js";

/** The host whose plugins are checked: its protocols, built-in registries and manifest field. */
export interface ValidateHost {
  protocols: readonly Protocol[];
  builtin?: readonly BuiltinRegistry[];
  manifestField?: string;
}

export interface ValidateOptions {
  /** The application's folder. */
  root: string;
  /** Config `plugins.paths`, absolute. */
  paths?: readonly string[];
  /** Plugin folders or registry files, absolute; none means every discovered non-built-in plugin. */
  targets: readonly string[];
  host: ValidateHost;
  /** Also import each implementation: protocol conformance and config defaults. */
  importCode: boolean;
}

/** One checked plugin and its problems. */
export interface Validated {
  target: string;
  problems: RegistryProblem[];
}

/**
 * Checks plugins without running their code. The manifest rules are discovery's own: each target
 * is discovered along with the app's plugins (so a duplicate name or a protocol another plugin
 * defines counts exactly as at start-up), and its problems are those discovery records. Then
 * what only validate does, on the filesystem: module files exist, named exports are present (static
 * scan), config classes are present; with `importCode`, protocol conformance and config defaults.
 */
export async function validatePlugins(options: ValidateOptions): Promise<Validated[]> {
  const field = options.host.manifestField ?? "aiperf";
  const targets = options.targets.map((target) => ({ target, source: pluginSourceAt(target, "path", field) }));
  const manifests = new Map<string, ParsedManifest>();
  const reader: ManifestReader = {
    async read(source) {
      const manifest = await readManifest(source);
      manifests.set(source.registryFile, manifest);
      return manifest;
    },
    flush() {},
  };
  const registry = await discoverPlugins({
    root: options.root,
    paths: options.paths ?? [],
    ...options.host,
    reader,
    include: targets.flatMap((t) => (t.source ? [t.source] : [])),
  });
  const checked =
    options.targets.length > 0
      ? targets
      : registry
          .plugins()
          .filter((p) => p.origin !== "builtin")
          .map((p): { target: string; source: PluginSource | undefined } => ({ target: p.root, source: p }));
  const results: Validated[] = [];
  for (const { target, source } of checked) {
    const problems = source ? await validateOne(source, registry, manifests.get(source.registryFile), options.importCode) : [notAPlugin(target, field)];
    results.push({ target, problems });
  }
  return results;
}

async function validateOne(source: PluginSource, registry: Registry, manifest: ParsedManifest | undefined, importCode: boolean): Promise<RegistryProblem[]> {
  const record = registry.plugins().find((p) => p.registryFile === source.registryFile);
  const problems = [...(record?.problems ?? [])];
  if (!manifest) return problems;
  if (manifest.plugin.module) checkExport(manifest.plugin.module, "plugin module", { file: manifest.file, line: 1, col: 1 }, problems);
  for (const entry of manifest.entries) {
    checkExport(entry.class, "class", entry.location, problems);
    if (entry.config) checkExport(entry.config, "config class", entry.location, problems);
  }
  // Importing the code of a plugin that is already known to be wrong only adds noise.
  if (importCode && problems.length === 0) {
    const members = new Map<string, readonly string[]>(registry.protocols().map((p) => [p.name, p.members]));
    for (const def of manifest.protocols) members.set(def.name, def.members);
    for (const entry of manifest.entries) problems.push(...(await checkImported(entry, members.get(entry.protocol) ?? [])));
  }
  return problems;
}

function notAPlugin(target: string, field: string): RegistryProblem {
  return {
    code: ErrorCode.PluginNotFound,
    severity: "error",
    message: `${target} is not a registry file, nor a folder with a registry.yaml or a package.json with "${field}": { "registry": ... }`,
    location: { file: target },
  };
}

/** The names a module exports, found by reading its text (no code runs). */
export function staticExports(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|function\*?|const|let|var)\s+([A-Za-z_$][\w$]*)/g))
    names.add(m[1] as string);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] as string).split(",")) {
      const name = part
        .trim()
        .split(/\s+as\s+/)
        .pop()
        ?.trim();
      if (name) names.add(name);
    }
  }
  if (/export\s+default\b/.test(source)) names.add("default");
  return names;
}

function checkExport(ref: ResolvedClassPath, what: string, location: RegistryProblem["location"], problems: RegistryProblem[]): void {
  if (!existsSync(ref.modulePath) || !statSync(ref.modulePath).isFile()) {
    problems.push({
      code: ErrorCode.PluginLoadFailed,
      severity: "error",
      message: `${what} module ${ref.modulePath} does not exist (is the plugin built?)`,
      location,
    });
    return;
  }
  const text = readFileSync(ref.modulePath, "utf8");
  const exported = staticExports(text);
  if (exported.has(ref.exportName) || /export\s*\*/.test(text)) return;
  const close = closestName(ref.exportName, [...exported]);
  problems.push({
    code: ErrorCode.PluginLoadFailed,
    severity: "error",
    message: `${what} "${ref.exportName}" is not exported by ${ref.modulePath} (exports: ${[...exported].sort().join(", ") || "none"})${close ? `. Did you mean "${close}"?` : ""}`,
    location,
  });
}

/** Imports one entry: its export has the protocol's members, and its config class's defaults are valid. */
async function checkImported(entry: ManifestEntry, members: readonly string[]): Promise<RegistryProblem[]> {
  const problems: RegistryProblem[] = [];
  const fail = (code: string, message: string) => problems.push({ code, severity: "error", message, location: entry.location });
  try {
    const exported = (await importModule(entry.class.modulePath, entry.class.root))[entry.class.exportName];
    const target = typeof exported === "function" ? (exported as { prototype: unknown }).prototype : exported;
    const missing = missingMembers(target, members);
    if (missing.length > 0) fail(ErrorCode.ProtocolMismatch, `${entry.protocol} "${entry.name}" lacks ${missing.map((m) => `"${m}"`).join(", ")}`);
    if (!entry.config) return problems;
    const cls = (await importModule(entry.config.modulePath, entry.config.root))[entry.config.exportName] as new () => object;
    const defaults = new cls() as Record<string, unknown>;
    for (const issue of validateClass(cls, defaults).issues) {
      // Required fields without defaults are the user's to set.
      if (defaults[String(issue.path[0])] === undefined) continue;
      fail(ErrorCode.ConfigInvalid, `config class ${entry.config.exportName}: default of ${issue.path.join(".")} is invalid: ${issue.message}`);
    }
  } catch (error) {
    fail(ErrorCode.PluginLoadFailed, `importing ${entry.protocol} "${entry.name}" failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return problems;
}
