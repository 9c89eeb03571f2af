import path from "node:path";
import { ErrorCode } from "../errors/codes.js";
import { defineProtocol, type Protocol } from "../protocol/defineProtocol.js";
import { Registry } from "../registry/Registry.js";
import { resolveConflicts } from "../registry/resolveConflicts.js";
import type { ImplementationEntry, ParsedManifest, PluginRecord, RegistryProblem } from "../registry/types.js";
import { closestName } from "../util/closestName.js";
import { normalizeName } from "../util/normalizeName.js";
import { type BuiltinRegistry, findPluginSources } from "./findPluginSources.js";
import { frameworkPackage } from "./frameworkRoot.js";
import { type ManifestReader, plainManifestReader } from "./manifestCache.js";

/** What discovery looks at (DESIGN §5). */
export interface DiscoveryOptions {
  /** The application's folder. */
  root: string;
  /** Extra plugin folders (config `plugins.paths`), relative to `root` unless absolute. */
  paths?: readonly string[];
  /** Plugin names to ignore (config `plugins.disabled`). */
  disabled?: readonly string[];
  /** The host's extension points; plugins may define more under `protocols:`. */
  protocols?: readonly Protocol[];
  /** The host's own registries of built-in implementations, read first. */
  builtin?: readonly BuiltinRegistry[];
  /** The package.json field that marks the host's plugin packages (default `aiperf`). */
  manifestField?: string;
  /** Reads and parses registries; the manifest cache plugs in here. Default: no cache. */
  reader?: ManifestReader;
}

/**
 * Discovers every plugin's registry, reading manifests only, and decides conflicts.
 * One bad plugin never stops discovery: its problems are recorded and it is skipped.
 */
export async function discoverPlugins(options: DiscoveryOptions): Promise<Registry> {
  const framework = frameworkPackage();
  const found = findPluginSources({
    root: options.root,
    paths: (options.paths ?? []).map((p) => path.resolve(options.root, p)),
    ...(options.builtin === undefined ? {} : { builtin: options.builtin }),
    ...(options.manifestField === undefined ? {} : { manifestField: options.manifestField }),
  });
  const problems: RegistryProblem[] = [...found.problems];
  const disabled = new Set((options.disabled ?? []).map(normalizeName));
  const reader = options.reader ?? plainManifestReader;

  const plugins: PluginRecord[] = [];
  const manifests: { plugin: PluginRecord; manifest: ParsedManifest }[] = [];
  const names = new Map<string, PluginRecord>();
  for (const source of found.sources) {
    const manifest = await reader.read(source);
    const pluginProblems = manifest.problems.map((p) => ({ ...p }));
    const name = source.origin === "builtin" ? "builtin" : (manifest.plugin.name ?? source.packageName);
    const record: PluginRecord = {
      name: name ?? path.basename(source.root),
      version: manifest.plugin.version ?? source.packageVersion ?? (source.origin === "builtin" ? framework.version : "0.0.0"),
      description: manifest.plugin.description ?? (source.origin === "builtin" ? "Built-in implementations" : ""),
      author: manifest.plugin.author ?? "",
      ...(manifest.plugin.requires ? { requires: manifest.plugin.requires } : {}),
      origin: source.origin,
      root: source.root,
      registryFile: source.registryFile,
      ...(manifest.plugin.module ? { module: manifest.plugin.module } : {}),
      skipped: false,
      problems: pluginProblems,
      entryCount: manifest.entries.length,
      protocolCount: manifest.protocols.length,
    };
    if (!name) {
      pluginProblems.push({
        code: ErrorCode.RegistryInvalid,
        severity: "error",
        message: 'a plugin registry needs "plugin: { name: ... }" (or a package.json "name")',
        location: { file: source.registryFile, line: 1, col: 1 },
      });
    }
    const key = normalizeName(record.name);
    const previous = names.get(key);
    if (previous) {
      pluginProblems.push({
        code: ErrorCode.PluginDuplicate,
        severity: "error",
        message: `plugin "${record.name}" was already discovered at ${previous.registryFile}; this copy is ignored`,
        location: { file: source.registryFile },
      });
    } else {
      names.set(key, record);
    }
    if (disabled.has(key)) {
      record.skipped = true;
      record.skipReason = "disabled in config (plugins.disabled)";
    } else if (record.requires && !(await loadSemver()).satisfies(framework.version, record.requires, { includePrerelease: true })) {
      pluginProblems.push({
        code: ErrorCode.RequiresUnsatisfied,
        severity: "warning",
        message: `plugin "${record.name}" requires aiperf ${record.requires}, but this is ${framework.version}; it is skipped`,
        location: { file: source.registryFile },
      });
      record.skipped = true;
      record.skipReason = `requires aiperf ${record.requires}`;
    }
    plugins.push(record);
    manifests.push({ plugin: record, manifest });
  }

  // Protocols first, so a plugin may use a protocol another plugin defines.
  const protocols = new Map<string, Protocol>((options.protocols ?? []).map((p) => [p.name, p]));
  for (const { plugin, manifest } of manifests) {
    if (plugin.skipped || hasErrors(plugin)) continue;
    for (const def of manifest.protocols) {
      if (protocols.has(def.name)) {
        plugin.problems.push({
          code: ErrorCode.RegistryInvalid,
          severity: "error",
          message: `protocol "${def.displayName}" is already defined`,
          location: def.location,
        });
        continue;
      }
      protocols.set(
        def.name,
        defineProtocol({ name: def.name, cardinality: def.cardinality, members: def.members, description: def.description, internal: def.internal }),
      );
    }
  }

  const entries: ImplementationEntry[] = [];
  let order = 0;
  for (const { plugin, manifest } of manifests) {
    if (plugin.skipped) continue;
    for (const section of manifest.sections) {
      if (!protocols.has(section.protocol)) {
        const known = [...protocols.keys()].sort();
        const close = closestName(section.protocol, known);
        plugin.problems.push({
          code: ErrorCode.UnknownProtocol,
          severity: "error",
          message: `unknown protocol "${section.key}".${close ? ` Did you mean "${close}"?` : ""} Known protocols: ${known.join(", ")}. To define a new one, add it under "protocols:".`,
          location: section.location,
        });
      }
    }
    if (hasErrors(plugin)) {
      plugin.skipped = true;
      plugin.skipReason ??= "its registry has errors";
      continue;
    }
    for (const entry of manifest.entries) {
      // The manifest objects are this discovery's own (freshly parsed or read from the cache):
      // completing them in place saves a copy of every entry on the start-up path.
      entries.push(Object.assign(entry as ImplementationEntry, { plugin: plugin.name, origin: plugin.origin, order: order++, winner: true }));
    }
  }

  reader.flush();
  const resolved = resolveConflicts(entries);
  for (const plugin of plugins) {
    for (const p of plugin.problems) problems.push({ ...p, plugin: plugin.name });
  }
  problems.push(...resolved.warnings);
  return new Registry([...protocols.values()], resolved.entries, plugins, problems);
}

function hasErrors(plugin: PluginRecord): boolean {
  return plugin.problems.some((p) => p.severity === "error");
}

/** semver is only needed when a plugin declares `requires`. */
async function loadSemver(): Promise<typeof import("semver")> {
  return (await import("semver")).default;
}
