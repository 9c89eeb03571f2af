import type { ParsedManifest } from "../registry/types.js";
import { unsafeNodes } from "../util/unsafeNodes.js";

type Fields = Record<string, unknown>;

const isObject = (v: unknown): v is Fields => v !== null && typeof v === "object" && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === "string";
const isLocation = (v: unknown) => isObject(v) && isString(v.file);
const isClassPath = (v: unknown) => isObject(v) && isString(v.raw) && isString(v.modulePath) && isString(v.exportName);
const strings = (v: unknown) => Array.isArray(v) && v.every(isString);
const listOf = (v: unknown, item: (x: Fields) => boolean) => Array.isArray(v) && v.every((x) => isObject(x) && isLocation(x.location) && item(x));

const entryOk = (e: Fields) =>
  isString(e.protocol) &&
  isString(e.name) &&
  isString(e.displayName) &&
  isClassPath(e.class) &&
  (e.config === undefined || isClassPath(e.config)) &&
  isString(e.description) &&
  typeof e.priority === "number" &&
  strings(e.tags) &&
  typeof e.autoLoad === "boolean" &&
  isObject(e.metadata) &&
  unsafeNodes(e.metadata).length === 0 &&
  (e.scope === "singleton" || e.scope === "transient");
const protocolOk = (p: Fields) =>
  isString(p.name) &&
  isString(p.displayName) &&
  isString(p.description) &&
  (p.cardinality === "one" || p.cardinality === "many") &&
  strings(p.members) &&
  typeof p.internal === "boolean";
const sectionOk = (s: Fields) => isString(s.key) && isString(s.protocol);
const problemOk = (p: Fields) => isString(p.code) && isString(p.message) && (p.severity === "error" || p.severity === "warning");

function pluginOk(p: unknown): boolean {
  if (!isObject(p)) return false;
  const texts = ["name", "version", "description", "author", "requires"].every((k) => p[k] === undefined || isString(p[k]));
  return texts && (p.module === undefined || isClassPath(p.module)) && (p.requiresLocation === undefined || isLocation(p.requiresLocation));
}

/**
 * True when a manifest read from the cache file has the shape discovery relies on. The cache is a
 * file anyone can edit: a wrong shape must mean "parse again", never a crash further on.
 */
export function isCachedManifest(value: unknown, file: string): value is ParsedManifest {
  return (
    isObject(value) &&
    value.file === file &&
    pluginOk(value.plugin) &&
    listOf(value.entries, entryOk) &&
    listOf(value.sections, sectionOk) &&
    listOf(value.protocols, protocolOk) &&
    listOf(value.problems, problemOk)
  );
}
