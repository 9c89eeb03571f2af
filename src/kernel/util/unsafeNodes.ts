import { isForbiddenKey } from "./isForbiddenKey.js";

/** A place in parsed data that no loader may walk or copy. */
export interface UnsafeNode {
  path: (string | number)[];
  /** `key`: `__proto__`, `constructor` or `prototype`; `cycle`: a YAML alias inside the node it refers to. */
  kind: "key" | "cycle";
}

/**
 * Finds prototype-reaching keys and reference cycles in data parsed from YAML or JSON. Both must
 * be refused before anything copies the data: class-transformer calls `new value.constructor()`
 * on a `constructor:` key, and a cycle sends every recursive walk (and JSON.stringify) into a loop.
 */
export function unsafeNodes(value: unknown): UnsafeNode[] {
  const found: UnsafeNode[] = [];
  walk(value, [], new Set(), found);
  return found;
}

function walk(value: unknown, path: (string | number)[], ancestors: Set<object>, out: UnsafeNode[]): void {
  if (value === null || typeof value !== "object") return;
  if (ancestors.has(value)) {
    out.push({ path, kind: "cycle" });
    return;
  }
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) walk(item, [...path, i], ancestors, out);
  } else {
    // Own keys only: a YAML or JSON `__proto__:` key is an own property until something assigns it.
    for (const key of Object.keys(value)) {
      if (isForbiddenKey(key)) out.push({ path: [...path, key], kind: "key" });
      else walk((value as Record<string, unknown>)[key], [...path, key], ancestors, out);
    }
  }
  ancestors.delete(value);
}
