import path from "node:path";
import { ErrorCode } from "../errors/codes.js";
import { defineProtocol, type Protocol } from "../protocol/defineProtocol.js";
import type { ParsedManifest, RegistryProblem } from "../registry/types.js";
import { normalizeName } from "../util/normalizeName.js";
import type { PluginSource } from "./PluginSource.js";

/** What the rules of one manifest depend on: the running framework and the plugins read before it. */
export interface ManifestContext {
  frameworkVersion: string;
  /** semver's `satisfies`, passed in so that semver loads only when some plugin declares `requires`. */
  satisfies(version: string, range: string): boolean;
  /** Normalized names of plugins to skip (config `plugins.disabled`). */
  disabled: ReadonlySet<string>;
  /** Plugin names taken so far (normalized) and the registry that took each; the check adds its own. */
  names: Map<string, string>;
  /** Protocols known so far, the host's and those earlier plugins define; the check adds this plugin's. */
  protocols: Map<string, Protocol>;
  /** Where each plugin-defined protocol was defined, for the message when another plugin redefines it. */
  definedIn: Map<string, string>;
}

/** The outcome for one plugin: its name, its problems, and why it is skipped (if it is). */
export interface ManifestVerdict {
  name: string;
  problems: RegistryProblem[];
  skipReason?: string;
}

/**
 * Every rule of one plugin's manifest beyond its schema (which parseRegistry checks): its
 * package.json, a name, a unique name, `plugins.disabled`, `requires` against the running version,
 * and protocol definitions that redefine none. Called in discovery order, so "already defined" and
 * "already discovered" mean "by a plugin read before this one". Discovery uses it, and
 * `plugins validate` reports what discovery decided, so the two cannot disagree.
 */
export function checkManifest(source: PluginSource, manifest: ParsedManifest, context: ManifestContext): ManifestVerdict {
  const problems = [...(source.problems ?? []), ...manifest.problems.map((p) => ({ ...p }))];
  const declared = source.origin === "builtin" ? "builtin" : (manifest.plugin.name ?? source.packageName);
  const name = declared ?? path.basename(source.root);
  const at = { file: source.registryFile, line: 1, col: 1 };
  if (declared === undefined && !unread(source, manifest)) {
    problems.push(problem(ErrorCode.RegistryInvalid, 'a plugin registry needs "plugin: { name: ... }" (or a package.json "name")', at));
  }
  const key = normalizeName(name);
  const previous = context.names.get(key);
  if (previous === undefined) context.names.set(key, source.registryFile);
  else problems.push(problem(ErrorCode.PluginDuplicate, `plugin "${name}" was already discovered at ${previous}; this copy is ignored`, at));
  if (context.disabled.has(key)) return { name, problems, skipReason: "disabled in config (plugins.disabled)" };
  const requires = manifest.plugin.requires;
  if (requires !== undefined && !context.satisfies(context.frameworkVersion, requires)) {
    const message = `plugin "${name}" requires aiperf ${requires}, but this is ${context.frameworkVersion}; it is skipped`;
    problems.push({ ...problem(ErrorCode.RequiresUnsatisfied, message, manifest.plugin.requiresLocation ?? at), severity: "warning" });
    return { name, problems, skipReason: `requires aiperf ${requires}` };
  }
  // A plugin with errors is skipped: its protocols must not become known to the others.
  if (!problems.some((p) => p.severity === "error")) defineProtocols(manifest, context, problems);
  return { name, problems };
}

/** A registry that could not be read at all has no name to give: its read problem says why. */
function unread(source: PluginSource, manifest: ParsedManifest): boolean {
  const broken = (source.problems?.length ?? 0) > 0 || manifest.problems.length > 0;
  return broken && manifest.sections.length === 0 && manifest.protocols.length === 0 && manifest.plugin.name === undefined;
}

function defineProtocols(manifest: ParsedManifest, context: ManifestContext, problems: RegistryProblem[]): void {
  for (const def of manifest.protocols) {
    if (context.protocols.has(def.name)) {
      const where = context.definedIn.get(def.name);
      problems.push(
        problem(ErrorCode.RegistryInvalid, `protocol "${def.displayName}" is already defined ${where ? `in ${where}` : "by the host"}`, def.location),
      );
      continue;
    }
    const { name, cardinality, members, description, internal } = def;
    context.protocols.set(name, defineProtocol({ name, cardinality, members, description, internal }));
    context.definedIn.set(name, manifest.file);
  }
}

function problem(code: string, message: string, location: RegistryProblem["location"]): RegistryProblem {
  return { code, message, severity: "error", location };
}
