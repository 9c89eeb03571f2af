import type { SourceLocation } from "../errors/AiperfError.js";
import type { Cardinality } from "../protocol/defineProtocol.js";
import type { ResolvedClassPath } from "./classPath.js";

/**
 * Where a plugin came from.
 * @public
 */
export type PluginOrigin = "builtin" | "package" | "local" | "path";

/**
 * A problem found while reading registries; errors skip the plugin, warnings do not.
 * @public
 */
export interface RegistryProblem {
  code: string;
  message: string;
  severity: "error" | "warning";
  location: SourceLocation;
  plugin?: string;
}

/** A protocol defined under `protocols:` in a registry.yaml. */
export interface ProtocolDefinition {
  name: string;
  displayName: string;
  description: string;
  cardinality: Cardinality;
  members: string[];
  internal: boolean;
  location: SourceLocation;
}

/** One implementation entry as read from a registry (no code imported). */
export interface ManifestEntry {
  protocol: string;
  name: string;
  /** Spelling as written, for display. */
  displayName: string;
  class: ResolvedClassPath;
  config?: ResolvedClassPath;
  description: string;
  priority: number;
  tags: string[];
  autoLoad: boolean;
  metadata: Record<string, unknown>;
  scope: "singleton" | "transient";
  location: SourceLocation;
}

/** The `plugin:` block, resolved. */
export interface ManifestPluginInfo {
  name?: string;
  version?: string;
  description?: string;
  author?: string;
  requires?: string;
  /** Where `requires` is written, for the problem when it excludes the running version. */
  requiresLocation?: SourceLocation;
  module?: ResolvedClassPath;
  dependencies?: PluginDependency[];
  lifecycle?: ResolvedClassPath;
  autoStart?: boolean;
}

/**
 * One entry of a plugin's `dependencies:`: another plugin that must be started first.
 * @public
 */
export interface PluginDependency {
  /** Normalized plugin name. */
  name: string;
  /** As written, for display. */
  displayName: string;
  /** Semver range the dependency's version must satisfy; undefined: any version. */
  range?: string;
  location: SourceLocation;
}

/** A protocol key used at the top level of a registry, kept to check it against all protocols. */
export interface ManifestSection {
  key: string;
  protocol: string;
  location: SourceLocation;
}

/** The result of parsing one registry.yaml: plain data, JSON-serializable (it is cached). */
export interface ParsedManifest {
  file: string;
  plugin: ManifestPluginInfo;
  protocols: ProtocolDefinition[];
  sections: ManifestSection[];
  entries: ManifestEntry[];
  problems: RegistryProblem[];
}

/**
 * A discovered plugin: its metadata, what it provides, and its problems.
 * @public
 */
export interface PluginRecord {
  name: string;
  version: string;
  description: string;
  author: string;
  requires?: string;
  origin: PluginOrigin;
  root: string;
  registryFile: string;
  module?: ResolvedClassPath;
  /** Plugins started before this one (registry `plugin.dependencies`). */
  dependencies?: PluginDependency[];
  /** The lifecycle class (registry `plugin.lifecycle`). */
  lifecycle?: ResolvedClassPath;
  /** Started even when nothing of it is selected (registry `plugin.auto_start`). */
  autoStart?: boolean;
  /** Skipped plugins contribute nothing (errors, disabled, or `requires` not met). */
  skipped: boolean;
  skipReason?: string;
  problems: RegistryProblem[];
  entryCount: number;
  protocolCount: number;
}

/**
 * Which conflict rule decided between two entries of the same (protocol, name).
 * @public
 */
export type ConflictRule = "priority" | "non_builtin" | "first_discovered";

/**
 * An implementation entry with its plugin and conflict outcome.
 * @public
 */
export interface ImplementationEntry extends ManifestEntry {
  plugin: string;
  origin: PluginOrigin;
  /** Position in discovery order (0 first). */
  order: number;
  winner: boolean;
  /** For the winner: the entries it beat; for a shadowed entry: the one that beat it. */
  decision?: { rule: ConflictRule; beat?: string[]; beatenBy?: string };
}
