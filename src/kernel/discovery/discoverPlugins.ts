import path from "node:path";
import { KERNEL_PROTOCOLS } from "../events/EventHandler.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import { emptyManifest } from "../registry/emptyManifest.js";
import { Registry } from "../registry/Registry.js";
import { resolveConflicts } from "../registry/resolveConflicts.js";
import type { ImplementationEntry, ParsedManifest, PluginRecord } from "../registry/types.js";
import { normalizeName } from "../util/normalizeName.js";
import { satisfiesRange } from "../util/semverChecks.js";
import { checkEntryMetadata } from "./checkEntryMetadata.js";
import { checkManifest, type ManifestContext, type ManifestVerdict } from "./checkManifest.js";
import { checkProtocolUse } from "./checkProtocolUse.js";
import { type BuiltinRegistry, findPluginSources } from "./findPluginSources.js";
import { frameworkPackage } from "./frameworkRoot.js";
import { type ManifestReader, plainManifestReader } from "./manifestCache.js";
import type { PluginSource } from "./PluginSource.js";

/** What discovery looks at. */
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
  /** Plugins read last, unless already found: `plugins validate` checks its targets this way. */
  include?: readonly PluginSource[];
}

interface Read {
  source: PluginSource;
  manifest: ParsedManifest;
}

/**
 * Discovers every plugin's registry, reading manifests only, and decides conflicts.
 * One bad plugin never stops discovery: its problems are recorded and it is skipped.
 */
export async function discoverPlugins(options: DiscoveryOptions): Promise<Registry> {
  const found = findPluginSources({
    root: options.root,
    paths: (options.paths ?? []).map((p) => path.resolve(options.root, p)),
    ...(options.builtin === undefined ? {} : { builtin: options.builtin }),
    ...(options.manifestField === undefined ? {} : { manifestField: options.manifestField }),
    ...(options.include === undefined ? {} : { include: options.include }),
  });
  const reader = options.reader ?? plainManifestReader;
  const read = await readAll(found.sources, reader);
  const context = manifestContext(options);
  const plugins = read.map(({ source, manifest }) => pluginRecord(source, manifest, checkManifest(source, manifest, context), context.frameworkVersion));
  const entries = usableEntries(plugins, read, context.protocols);
  reader.flush();
  const resolved = resolveConflicts(entries);
  const problems = [...found.problems, ...plugins.flatMap((plugin) => plugin.problems.map((p) => ({ ...p, plugin: plugin.name }))), ...resolved.warnings];
  return new Registry([...context.protocols.values()], resolved.entries, plugins, problems);
}

/** Reads every registry in order; a plugin whose package.json is broken is not read at all. */
async function readAll(sources: readonly PluginSource[], reader: ManifestReader): Promise<Read[]> {
  const read: Read[] = [];
  for (const source of sources) {
    const broken = source.problems?.some((p) => p.severity === "error") ?? false;
    read.push({ source, manifest: broken ? emptyManifest(source.registryFile) : await reader.read(source) });
  }
  return read;
}

function manifestContext(options: DiscoveryOptions): ManifestContext {
  return {
    frameworkVersion: frameworkPackage().version,
    satisfies: satisfiesRange,
    disabled: new Set((options.disabled ?? []).map(normalizeName)),
    names: new Map(),
    // The kernel's own protocols (event_handler) are in every host's, so every listing agrees.
    protocols: new Map([...KERNEL_PROTOCOLS, ...(options.protocols ?? [])].map((p) => [p.name, p])),
    definedIn: new Map(),
  };
}

function pluginRecord(source: PluginSource, manifest: ParsedManifest, verdict: ManifestVerdict, frameworkVersion: string): PluginRecord {
  const builtin = source.origin === "builtin";
  const info = manifest.plugin;
  return {
    name: verdict.name,
    version: info.version ?? source.packageVersion ?? (builtin ? frameworkVersion : "0.0.0"),
    description: info.description ?? (builtin ? "Built-in implementations" : ""),
    author: info.author ?? "",
    ...(info.requires ? { requires: info.requires } : {}),
    origin: source.origin,
    root: source.root,
    registryFile: source.registryFile,
    ...(info.module ? { module: info.module } : {}),
    ...(info.dependencies ? { dependencies: info.dependencies } : {}),
    ...(info.lifecycle ? { lifecycle: info.lifecycle } : {}),
    ...(info.autoStart === undefined ? {} : { autoStart: info.autoStart }),
    skipped: verdict.skipReason !== undefined,
    ...(verdict.skipReason === undefined ? {} : { skipReason: verdict.skipReason }),
    problems: verdict.problems,
    entryCount: manifest.entries.length,
    protocolCount: manifest.protocols.length,
  };
}

/**
 * Checks each loaded plugin's protocol keys against every known protocol, skips the plugins with
 * errors, and returns the others' entries in discovery order.
 */
function usableEntries(plugins: PluginRecord[], read: readonly Read[], protocols: ReadonlyMap<string, Protocol>): ImplementationEntry[] {
  const entries: ImplementationEntry[] = [];
  for (const [i, plugin] of plugins.entries()) {
    if (plugin.skipped) continue;
    const manifest = (read[i] as Read).manifest;
    plugin.problems.push(...checkProtocolUse(manifest, protocols), ...checkEntryMetadata(manifest, protocols));
    if (plugin.problems.some((p) => p.severity === "error")) {
      plugin.skipped = true;
      plugin.skipReason = "its registry has errors";
      continue;
    }
    for (const entry of manifest.entries) {
      // The manifest objects are this discovery's own (freshly parsed or read from the cache):
      // completing them in place saves a copy of every entry on the start-up path.
      entries.push(Object.assign(entry as ImplementationEntry, { plugin: plugin.name, origin: plugin.origin, order: entries.length, winner: true }));
    }
  }
  return entries;
}
