import { LineCounter, parseDocument } from "yaml";
import type { SourceLocation } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";
import { messageOf } from "../util/messageOf.js";
import { normalizeName } from "../util/normalizeName.js";
import { unsafeNodes } from "../util/unsafeNodes.js";
import { validateClass } from "../util/validateClass.js";
import { type ResolvedClassPath, resolveClassPath } from "./classPath.js";
import { emptyManifest } from "./emptyManifest.js";
import { EntrySchema, ProtocolDefinitionSchema, RESERVED_REGISTRY_KEYS, RegistryHeaderSchema } from "./RegistrySchema.js";
import type { ManifestEntry, ManifestPluginInfo, ParsedManifest } from "./types.js";
import { yamlLocation } from "./yamlLocation.js";

/** Where the registry lives: its file and the folder its class paths must stay inside. */
export interface ManifestSource {
  file: string;
  pluginRoot: string;
}

type KeyPath = (string | number)[];

/** What the parts of the parser share: the manifest being built, and how to locate and report. */
interface Parse {
  source: ManifestSource;
  result: ParsedManifest;
  where(path: KeyPath, at?: "key" | "value"): SourceLocation;
  problem(code: string, message: string, location: SourceLocation): void;
}

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const PLUGIN_FIELDS = ["name", "version", "description", "author", "requires"] as const;
/** Enough for sharing blocks between entries; a billion-laughs document needs far more. */
const MAX_ALIAS_COUNT = 100;

/**
 * Parses and validates one registry.yaml. Pure: reads no files and imports no implementation code.
 * Every problem carries file:line:col. A hostile document (alias bomb, cycle, prototype keys, values
 * of the wrong type anywhere) yields problems, never an exception. Protocol keys are checked
 * later, against every protocol that discovery found (a plugin may use one another plugin defines).
 */
export function parseRegistry(text: string, source: ManifestSource): ParsedManifest {
  const result = emptyManifest(source.file);
  const problem: Parse["problem"] = (code, message, location) => result.problems.push({ code, message, severity: "error", location });
  const read = readYaml(text, source.file, problem);
  if (!read) return result;
  const parse: Parse = { source, result, where: read.where, problem };
  const data = read.data;
  parseHeader(data, parse);
  if (data.protocols !== undefined) parseProtocolDefinitions(data.protocols, parse);
  for (const [key, section] of Object.entries(data)) {
    if (!(RESERVED_REGISTRY_KEYS as readonly string[]).includes(key)) parseSection(key, section, parse);
  }
  return result;
}

/** The document as plain data, or undefined (with problems) when it is not a usable mapping. */
function readYaml(text: string, file: string, problem: Parse["problem"]): { data: Record<string, unknown>; where: Parse["where"] } | undefined {
  const lineCounter = new LineCounter();
  // logLevel "error": a mapping used as a key would otherwise print a process warning.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, logLevel: "error" });
  for (const error of doc.errors) {
    const pos = error.linePos?.[0];
    problem(ErrorCode.RegistryInvalid, `YAML syntax error: ${error.message.split("\n")[0]}`, { file, line: pos?.line ?? 1, col: pos?.col ?? 1 });
  }
  if (doc.errors.length > 0) return undefined;
  const where: Parse["where"] = (path, at = "value") => yamlLocation(doc, lineCounter, file, path, at);
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    problem(ErrorCode.RegistryInvalid, `YAML cannot be expanded: ${messageOf(error)}`, where([]));
    return undefined;
  }
  if (root === null || root === undefined) return undefined;
  if (!isMapping(root)) {
    problem(ErrorCode.RegistryInvalid, "a registry must be a mapping of keys to values", where([]));
    return undefined;
  }
  const unsafe = unsafeNodes(root);
  for (const node of unsafe) {
    const message =
      node.kind === "key"
        ? `key "${String(node.path[node.path.length - 1])}" is not allowed in a registry (it would reach an object's prototype)`
        : "this YAML alias refers to a node that contains it (a cycle)";
    problem(ErrorCode.RegistryInvalid, message, where(node.path, node.kind === "key" ? "key" : "value"));
  }
  return unsafe.length > 0 ? undefined : { data: root, where };
}

/** `schema_version` and the `plugin:` block; only fields that passed validation are kept. */
function parseHeader(data: Record<string, unknown>, parse: Parse): void {
  const pluginBlock = data.plugin;
  const blockIsMapping = pluginBlock === undefined || isMapping(pluginBlock);
  if (!blockIsMapping) parse.problem(ErrorCode.RegistryInvalid, '"plugin" must be a mapping such as "plugin: { name: my-plugin }"', parse.where(["plugin"]));
  const header = validateClass(RegistryHeaderSchema, {
    ...(data.schema_version === undefined ? {} : { schema_version: data.schema_version }),
    ...(pluginBlock === undefined || !blockIsMapping ? {} : { plugin: pluginBlock }),
  });
  const invalid = new Set<string>();
  for (const issue of header.issues) {
    parse.problem(ErrorCode.RegistryInvalid, issue.message, parse.where(issue.path, issue.unknownKey ? "key" : "value"));
    invalid.add(String(issue.path[1]));
  }
  if (!blockIsMapping || !isMapping(pluginBlock)) return;
  const info: ManifestPluginInfo = {};
  for (const field of PLUGIN_FIELDS) {
    const value = pluginBlock[field];
    if (typeof value === "string" && !invalid.has(field)) info[field] = value;
  }
  if (info.requires !== undefined) info.requiresLocation = parse.where(["plugin", "requires"]);
  const module = pluginBlock.module;
  if (typeof module === "string" && !invalid.has("module")) {
    const resolved = checkClassPath(module, ["plugin", "module"], parse);
    if (resolved) info.module = resolved;
  }
  parseLifecycle(pluginBlock, invalid, info, parse);
  parse.result.plugin = info;
}

/** `dependencies`, `lifecycle` and `auto_start` of the `plugin:` block (already schema-checked). */
function parseLifecycle(block: Record<string, unknown>, invalid: ReadonlySet<string>, info: ManifestPluginInfo, parse: Parse): void {
  const deps = block.dependencies;
  if (deps !== undefined && !invalid.has("dependencies")) {
    const pairs: [string, unknown][] = Array.isArray(deps) ? deps.map((d, i) => [String(d), i]) : Object.keys(deps as object).map((k) => [k, k]);
    info.dependencies = pairs.map(([name, key]) => {
      const range = Array.isArray(deps) ? undefined : (deps as Record<string, string | null>)[name];
      const location = parse.where(["plugin", "dependencies", key as string | number], Array.isArray(deps) ? "value" : "key");
      return { name: normalizeName(name), displayName: name, ...(typeof range === "string" && range !== "" ? { range } : {}), location };
    });
  }
  if (typeof block.lifecycle === "string" && !invalid.has("lifecycle")) {
    const resolved = checkClassPath(block.lifecycle, ["plugin", "lifecycle"], parse);
    if (resolved) info.lifecycle = resolved;
  }
  if (typeof block.auto_start === "boolean") info.autoStart = block.auto_start;
}

function checkClassPath(raw: string, path: KeyPath, parse: Parse): ResolvedClassPath | undefined {
  const resolved = resolveClassPath(raw, parse.source.file, parse.source.pluginRoot);
  if (resolved.ok) return resolved.value;
  parse.problem(ErrorCode.ClassPathInvalid, resolved.reason, parse.where(path));
  return undefined;
}

/** `protocols:`: the protocols this plugin defines. */
function parseProtocolDefinitions(protocols: unknown, parse: Parse): void {
  if (!isMapping(protocols)) {
    parse.problem(ErrorCode.RegistryInvalid, '"protocols" must be a mapping of protocol names to definitions', parse.where(["protocols"]));
    return;
  }
  for (const [key, spec] of Object.entries(protocols)) {
    const path = ["protocols", key];
    if (!checkName(key, "protocol", path, parse)) continue;
    if (!isMapping(spec)) {
      parse.problem(ErrorCode.RegistryInvalid, `protocol "${key}" must be a mapping with "description" and "cardinality"`, parse.where(path));
      continue;
    }
    const checked = validateClass(ProtocolDefinitionSchema, spec);
    reportIssues(checked.issues, path, parse);
    if (checked.issues.length > 0) continue;
    parse.result.protocols.push({
      name: normalizeName(key),
      displayName: key,
      description: checked.value.description,
      cardinality: checked.value.cardinality,
      members: checked.value.members ?? [],
      internal: checked.value.internal ?? false,
      location: parse.where(path, "key"),
    });
  }
}

/** A top-level protocol key and its implementations. */
function parseSection(key: string, section: unknown, parse: Parse): void {
  parse.result.sections.push({ key, protocol: normalizeName(key), location: parse.where([key], "key") });
  if (section === null) return;
  if (!isMapping(section)) {
    parse.problem(ErrorCode.RegistryInvalid, `"${key}" must be a mapping of implementation names to entries`, parse.where([key]));
    return;
  }
  const seen = new Map<string, string>();
  for (const [implName, spec] of Object.entries(section)) {
    const path = [key, implName];
    if (!checkName(implName, "implementation", path, parse)) continue;
    const name = normalizeName(implName);
    const previous = seen.get(name);
    if (previous !== undefined) {
      parse.problem(ErrorCode.RegistryInvalid, `"${implName}" is the same name as "${previous}" (names ignore case and "-" vs "_")`, parse.where(path, "key"));
      continue;
    }
    seen.set(name, implName);
    const entry = parseEntry(key, implName, spec, parse);
    if (entry) parse.result.entries.push(entry);
  }
}

/** One implementation: a class path string, or a mapping with `class` and optional fields. */
function parseEntry(key: string, implName: string, spec: unknown, parse: Parse): ManifestEntry | undefined {
  const path = [key, implName];
  if (typeof spec !== "string" && !isMapping(spec)) {
    parse.problem(
      ErrorCode.RegistryInvalid,
      `implementation "${implName}" must be a class path such as "./dist/module.js:Export", or a mapping with "class"`,
      parse.where(path),
    );
    return undefined;
  }
  const checked = validateClass(EntrySchema, typeof spec === "string" ? { class: spec } : spec);
  reportIssues(checked.issues, path, parse);
  if (checked.issues.length > 0) return undefined;
  const entry = checked.value;
  const classPath = checkClassPath(entry.class, typeof spec === "string" ? path : [...path, "class"], parse);
  const configPath = entry.config === undefined ? undefined : checkClassPath(entry.config, [...path, "config"], parse);
  if (!classPath || (entry.config !== undefined && !configPath)) return undefined;
  return {
    protocol: normalizeName(key),
    name: normalizeName(implName),
    displayName: implName,
    class: classPath,
    ...(configPath ? { config: configPath } : {}),
    description: entry.description ?? "",
    priority: entry.priority ?? 0,
    tags: entry.tags ?? [],
    autoLoad: entry.auto_load ?? false,
    metadata: entry.metadata ?? {},
    scope: entry.scope ?? "singleton",
    location: parse.where(path, "key"),
  };
}

function checkName(name: string, what: string, path: KeyPath, parse: Parse): boolean {
  if (NAME_PATTERN.test(name)) return true;
  parse.problem(ErrorCode.RegistryInvalid, `${what} name "${name}" must start with a letter and use letters, digits, "_" or "-"`, parse.where(path, "key"));
  return false;
}

function reportIssues(issues: readonly { path: KeyPath; message: string; unknownKey: boolean }[], prefix: KeyPath, parse: Parse): void {
  for (const issue of issues)
    parse.problem(ErrorCode.RegistryInvalid, issue.message, parse.where([...prefix, ...issue.path], issue.unknownKey ? "key" : "value"));
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
