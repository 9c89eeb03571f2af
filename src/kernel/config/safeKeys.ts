import type { SourceLocation } from "../errors/AiperfError.js";
import { ConfigInvalidError } from "../errors/errors.js";

/** Keys that would reach an object's prototype when assigned: never valid in config. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** True when `key` may not appear in config or in a `--set` path. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}

function forbiddenPaths(value: unknown, prefix: (string | number)[], out: (string | number)[][]): void {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) forbiddenPaths(item, [...prefix, i], out);
    return;
  }
  if (value === null || typeof value !== "object") return;
  // Own keys only: a YAML or JSON `__proto__:` key is an own property until something assigns it.
  for (const key of Object.keys(value)) {
    if (FORBIDDEN.has(key)) out.push([...prefix, key]);
    else forbiddenPaths((value as Record<string, unknown>)[key], [...prefix, key], out);
  }
}

/**
 * Refuses `__proto__`, `constructor` and `prototype` as keys anywhere in a config object, before
 * anything copies or assigns it (an assignment would change a prototype or pollute every object).
 * `at` is where `raw` will sit in the config (a `--set` value), so reported paths are whole.
 */
export function assertSafeKeys(
  raw: unknown,
  locate: (keyPath: (string | number)[]) => SourceLocation | undefined = () => undefined,
  at: readonly (string | number)[] = [],
): void {
  const found: (string | number)[][] = [];
  forbiddenPaths(raw, [...at], found);
  if (found.length === 0) return;
  throw new ConfigInvalidError(
    found.map((keyPath) => {
      const location = locate(keyPath);
      return {
        path: keyPath.join("."),
        message: `key "${String(keyPath[keyPath.length - 1])}" is not allowed in config (it would reach an object's prototype)`,
        ...(location ? { location } : {}),
      };
    }),
  );
}
