import { parse } from "yaml";
import { UsageError } from "../errors/errors.js";

/**
 * Applies one `--set a.b=c` to a plain config object. The value is read as YAML, so numbers,
 * booleans and lists (`[json, csv]`) get their types. Returns the path that was set.
 */
export function applySet(target: Record<string, unknown>, assignment: string): string[] {
  const eq = assignment.indexOf("=");
  if (eq <= 0) throw new UsageError(`--set expects key=value (for example --set timing.concurrency=4), got "${assignment}"`);
  const path = assignment.slice(0, eq).trim().split(".");
  if (path.some((p) => p === "")) throw new UsageError(`--set key "${assignment.slice(0, eq)}" has an empty segment`);
  const text = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = text === "" ? "" : parse(text);
  } catch {
    value = text;
  }
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object" || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
  return path;
}
