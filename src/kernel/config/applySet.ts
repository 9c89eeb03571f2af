import { parse } from "yaml";
import { ConfigInvalidError, UsageError } from "../errors/errors.js";
import { assertSafeKeys, isForbiddenKey } from "./safeKeys.js";

/**
 * Applies one `--set a.b=c` to a plain config object. The value is read as YAML, so numbers,
 * booleans and lists (`[json, csv]`) get their types. Returns the path that was set.
 */
export function applySet(target: Record<string, unknown>, assignment: string): string[] {
  const eq = assignment.indexOf("=");
  if (eq <= 0)
    throw new UsageError(
      `--set expects key=value (for example --set timing.concurrency=4), got an argument without "=" (its text is not repeated: it may hold a secret)`,
    );
  const path = assignment.slice(0, eq).trim().split(".");
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
  node[path[path.length - 1] as string] = value;
  return path;
}
