import { LineCounter, parseDocument } from "yaml";
import type { SourceLocation } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";
import { normalizeName } from "../util/normalizeName.js";
import { validateClass } from "../util/validateClass.js";
import { type ResolvedClassPath, resolveClassPath } from "./classPath.js";
import { EntrySchema, ProtocolDefinitionSchema, RESERVED_REGISTRY_KEYS, RegistryHeaderSchema } from "./RegistrySchema.js";
import type { ManifestEntry, ParsedManifest } from "./types.js";
import { yamlLocation as yamlLocationOf } from "./yamlLocation.js";

/** Where the registry lives: its file and the folder its class paths must stay inside. */
export interface ManifestSource {
  file: string;
  pluginRoot: string;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;

/**
 * Parses and validates one registry.yaml. Pure: reads no files and imports no implementation code.
 * Every problem carries file:line:col. Protocol keys are checked later, against every protocol
 * that discovery found (a plugin may use a protocol another plugin defines).
 */
export function parseRegistry(text: string, source: ManifestSource): ParsedManifest {
  const { file, pluginRoot } = source;
  const result: ParsedManifest = { file, plugin: {}, protocols: [], sections: [], entries: [], problems: [] };
  const problem = (code: string, message: string, location: SourceLocation): void => {
    result.problems.push({ code, message, severity: "error", location });
  };

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    problem(ErrorCode.RegistryInvalid, `YAML syntax error: ${error.message.split("\n")[0]}`, {
      file,
      line: pos?.line ?? 1,
      col: pos?.col ?? 1,
    });
  }
  if (doc.errors.length > 0) return result;

  const where = (path: (string | number)[], at: "key" | "value" = "value") => yamlLocationOf(doc, lineCounter, file, path, at);
  const root: unknown = doc.toJS();
  if (root === null || root === undefined) return result;
  if (typeof root !== "object" || Array.isArray(root)) {
    problem(ErrorCode.RegistryInvalid, "a registry must be a mapping of keys to values", where([]));
    return result;
  }
  const data = root as Record<string, unknown>;

  const header = validateClass(RegistryHeaderSchema, {
    ...(data.schema_version === undefined ? {} : { schema_version: data.schema_version }),
    ...(data.plugin === undefined ? {} : { plugin: data.plugin }),
  });
  for (const issue of header.issues) {
    problem(ErrorCode.RegistryInvalid, issue.message, where(issue.path, issue.unknownKey ? "key" : "value"));
  }
  const plugin = header.value.plugin;
  if (plugin) {
    result.plugin = {
      ...(plugin.name === undefined ? {} : { name: plugin.name }),
      ...(plugin.version === undefined ? {} : { version: plugin.version }),
      ...(plugin.description === undefined ? {} : { description: plugin.description }),
      ...(plugin.author === undefined ? {} : { author: plugin.author }),
      ...(plugin.requires === undefined ? {} : { requires: plugin.requires }),
    };
    if (plugin.module !== undefined) {
      const resolved = checkClassPath(plugin.module, ["plugin", "module"]);
      if (resolved) result.plugin.module = resolved;
    }
  }

  function checkClassPath(raw: string, path: (string | number)[]): ResolvedClassPath | undefined {
    const resolved = resolveClassPath(raw, file, pluginRoot);
    if (resolved.ok) return resolved.value;
    problem(ErrorCode.ClassPathInvalid, resolved.reason, where(path));
    return undefined;
  }

  if (data.protocols !== undefined) {
    if (!isMapping(data.protocols)) {
      problem(ErrorCode.RegistryInvalid, '"protocols" must be a mapping of protocol names to definitions', where(["protocols"]));
    } else {
      for (const [key, spec] of Object.entries(data.protocols)) {
        if (!NAME_PATTERN.test(key)) {
          problem(
            ErrorCode.RegistryInvalid,
            `protocol name "${key}" must start with a letter and use letters, digits, "_" or "-"`,
            where(["protocols", key], "key"),
          );
          continue;
        }
        const checked = validateClass(ProtocolDefinitionSchema, spec);
        for (const issue of checked.issues) {
          problem(ErrorCode.RegistryInvalid, issue.message, where(["protocols", key, ...issue.path], issue.unknownKey ? "key" : "value"));
        }
        if (checked.issues.length > 0) continue;
        result.protocols.push({
          name: normalizeName(key),
          displayName: key,
          description: checked.value.description,
          cardinality: checked.value.cardinality,
          members: checked.value.members ?? [],
          internal: checked.value.internal ?? false,
          location: where(["protocols", key], "key"),
        });
      }
    }
  }

  for (const [key, section] of Object.entries(data)) {
    if ((RESERVED_REGISTRY_KEYS as readonly string[]).includes(key)) continue;
    const protocol = normalizeName(key);
    result.sections.push({ key, protocol, location: where([key], "key") });
    if (section === null) continue;
    if (!isMapping(section)) {
      problem(ErrorCode.RegistryInvalid, `"${key}" must be a mapping of implementation names to entries`, where([key]));
      continue;
    }
    const seen = new Map<string, string>();
    for (const [implName, spec] of Object.entries(section)) {
      const path = [key, implName];
      if (!NAME_PATTERN.test(implName)) {
        problem(
          ErrorCode.RegistryInvalid,
          `implementation name "${implName}" must start with a letter and use letters, digits, "_" or "-"`,
          where(path, "key"),
        );
        continue;
      }
      const name = normalizeName(implName);
      const previous = seen.get(name);
      if (previous !== undefined) {
        problem(ErrorCode.RegistryInvalid, `"${implName}" is the same name as "${previous}" (names ignore case and "-" vs "_")`, where(path, "key"));
        continue;
      }
      seen.set(name, implName);
      const checked = validateClass(EntrySchema, typeof spec === "string" ? { class: spec } : spec);
      for (const issue of checked.issues) {
        problem(ErrorCode.RegistryInvalid, issue.message, where([...path, ...issue.path], issue.unknownKey ? "key" : "value"));
      }
      if (checked.issues.length > 0) continue;
      const entry = checked.value;
      const classPath = checkClassPath(entry.class, typeof spec === "string" ? path : [...path, "class"]);
      const configPath = entry.config === undefined ? undefined : checkClassPath(entry.config, [...path, "config"]);
      if (!classPath || (entry.config !== undefined && !configPath)) continue;
      const manifestEntry: ManifestEntry = {
        protocol,
        name,
        displayName: implName,
        class: classPath,
        description: entry.description ?? "",
        priority: entry.priority ?? 0,
        tags: entry.tags ?? [],
        autoLoad: entry.auto_load ?? false,
        metadata: entry.metadata ?? {},
        scope: entry.scope ?? "singleton",
        location: where(path, "key"),
      };
      if (configPath) manifestEntry.config = configPath;
      result.entries.push(manifestEntry);
    }
  }
  return result;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
