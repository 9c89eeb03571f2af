import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import { importModule } from "../kernel/binding/importModule.js";
import { missingMembers } from "../kernel/binding/LazyImplementation.js";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import { readManifest } from "../kernel/discovery/readManifest.js";
import { ErrorCode } from "../kernel/errors/codes.js";
import type { ResolvedClassPath } from "../kernel/registry/classPath.js";
import type { RegistryProblem } from "../kernel/registry/types.js";
import { closestName } from "../kernel/util/closestName.js";
import { validateClass } from "../kernel/util/validateClass.js";
import { BUILTIN_PROTOCOLS } from "../profiler/protocols/builtinProtocols.js";

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
  const exported = staticExports(readFileSync(ref.modulePath, "utf8"));
  if (exported.has(ref.exportName) || /export\s*\*/.test(readFileSync(ref.modulePath, "utf8"))) return;
  const close = closestName(ref.exportName, [...exported]);
  problems.push({
    code: ErrorCode.PluginLoadFailed,
    severity: "error",
    message: `${what} "${ref.exportName}" is not exported by ${ref.modulePath} (exports: ${[...exported].sort().join(", ") || "none"})${close ? `. Did you mean "${close}"?` : ""}`,
    location,
  });
}

/** Finds the registry of a path: a registry file, or a folder with package.json `aiperf.registry` or registry.yaml. */
export function registryOf(target: string): { file: string; root: string } {
  if (existsSync(target) && statSync(target).isFile()) return { file: target, root: path.dirname(target) };
  const pkgFile = path.join(target, "package.json");
  if (existsSync(pkgFile)) {
    try {
      const pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as { aiperf?: { registry?: string } };
      if (pkg.aiperf?.registry) return { file: path.resolve(target, pkg.aiperf.registry), root: target };
    } catch {
      // fall through to registry.yaml
    }
  }
  return { file: path.join(target, "registry.yaml"), root: target };
}

/**
 * Checks one plugin without running its code (DESIGN §11): schema, protocol names, class paths
 * inside the plugin, named exports present (static scan), config class present, `requires`.
 * With `importCode`, also imports each entry, checks protocol conformance, and checks that the
 * config class builds and its defaults are valid.
 */
export async function validatePlugin(
  target: string,
  options: { importCode: boolean; knownProtocols?: readonly { name: string; members: readonly string[] }[] },
): Promise<RegistryProblem[]> {
  const { file, root } = registryOf(path.resolve(target));
  const manifest = await readManifest({ origin: "path", root, registryFile: file });
  const problems = [...manifest.problems];
  const protocols = new Map<string, readonly string[]>([...(options.knownProtocols ?? BUILTIN_PROTOCOLS)].map((p) => [p.name, p.members]));
  for (const def of manifest.protocols) protocols.set(def.name, def.members);
  for (const section of manifest.sections) {
    if (protocols.has(section.protocol)) continue;
    const close = closestName(section.protocol, [...protocols.keys()]);
    problems.push({
      code: ErrorCode.UnknownProtocol,
      severity: "error",
      message: `unknown protocol "${section.key}"${close ? `. Did you mean "${close}"?` : ""}`,
      location: section.location,
    });
  }
  if (manifest.plugin.requires) {
    const version = frameworkPackage().version;
    if (!semver.satisfies(version, manifest.plugin.requires, { includePrerelease: true })) {
      problems.push({
        code: ErrorCode.RequiresUnsatisfied,
        severity: "error",
        message: `requires aiperf ${manifest.plugin.requires}, but this is ${version}`,
        location: { file, line: 1, col: 1 },
      });
    }
  }
  if (manifest.problems.length === 0 && !manifest.plugin.name && !existsSync(path.join(root, "package.json"))) {
    problems.push({
      code: ErrorCode.RegistryInvalid,
      severity: "error",
      message: 'a plugin registry needs "plugin: { name: ... }"',
      location: { file, line: 1, col: 1 },
    });
  }
  for (const entry of manifest.entries) {
    checkExport(entry.class, "class", entry.location, problems);
    if (entry.config) checkExport(entry.config, "config class", entry.location, problems);
  }
  if (options.importCode && !problems.some((p) => p.severity === "error")) {
    for (const entry of manifest.entries) {
      try {
        const exported = (await importModule(entry.class.modulePath))[entry.class.exportName];
        const members = protocols.get(entry.protocol) ?? [];
        const target = typeof exported === "function" ? (exported as { prototype: unknown }).prototype : exported;
        const missing = missingMembers(target, members);
        if (missing.length > 0)
          problems.push({
            code: ErrorCode.ProtocolMismatch,
            severity: "error",
            message: `${entry.protocol} "${entry.name}" lacks ${missing.map((m) => `"${m}"`).join(", ")}`,
            location: entry.location,
          });
        if (entry.config) {
          const cls = (await importModule(entry.config.modulePath))[entry.config.exportName] as new () => object;
          const defaults = new cls() as Record<string, unknown>;
          const { issues } = validateClass(cls, defaults);
          for (const issue of issues) {
            const key = String(issue.path[0]);
            if (defaults[key] === undefined) continue; // required fields without defaults are the user's to set
            problems.push({
              code: ErrorCode.ConfigInvalid,
              severity: "error",
              message: `config class ${entry.config.exportName}: default of ${issue.path.join(".")} is invalid: ${issue.message}`,
              location: entry.location,
            });
          }
        }
      } catch (error) {
        problems.push({
          code: ErrorCode.PluginLoadFailed,
          severity: "error",
          message: `importing ${entry.protocol} "${entry.name}" failed: ${error instanceof Error ? error.message : String(error)}`,
          location: entry.location,
        });
      }
    }
  }
  return problems;
}
