import { parse } from "yaml";
import { ConfigInvalidError, UsageError } from "../errors/errors.js";
import { assertSafeKeys, isForbiddenKey } from "./safeKeys.js";

/** A plain object (a YAML map), not a list or null. */
function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * Applies one `--set a.b=c` to a plain config object. The value is read as YAML, so numbers,
 * booleans and lists (`[json, csv]`) get their types. `a.b+={k: v}` merges a map into the map
 * already there (its keys replace those of the same name, the others stay), where `=` would
 * replace the whole map. Returns the path that was set.
 */
export function applySet(target: Record<string, unknown>, assignment: string): string[] {
  const eq = assignment.indexOf("=");
  if (eq <= 0)
    throw new UsageError(
      `--set expects key=value (for example --set timing.concurrency=4), got an argument without "=" (its text is not repeated: it may hold a secret)`,
    );
  const merge = assignment[eq - 1] === "+";
  const path = assignment
    .slice(0, merge ? eq - 1 : eq)
    .trim()
    .split(".");
  if (path.some((p) => p === "")) throw new UsageError(`--set key "${assignment.slice(0, eq)}" has an empty segment`);
  const bad = path.find(isForbiddenKey);
  if (bad !== undefined) {
    const key = assignment.slice(0, eq);
    throw new ConfigInvalidError([
      { path: key, message: `key "${bad}" is not allowed in config (it would reach an object's prototype)`, location: { file: `--set ${key}` } },
    ]);
  }
  const text = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = text === "" ? "" : parse(text);
  } catch {
    value = text;
  }
  assertSafeKeys(value, (keyPath) => ({ file: `--set ${keyPath.join(".")}` }), path);
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1] as string;
  if (merge && !isMap(value))
    throw new UsageError(`--set ${path.join(".")}+=… merges a map into a map (for example --set endpoint.headers+='{X-Team: perf}'): give a map`);
  const existing = node[last];
  node[last] = merge && isMap(existing) ? { ...existing, ...(value as Record<string, unknown>) } : value;
  return path;
}
