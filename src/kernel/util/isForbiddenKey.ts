/** Keys that would reach an object's prototype when assigned: never valid in config or a registry. */
const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

/** True when `key` may not appear in config, a `--set` path or a registry. */
export function isForbiddenKey(key: string): boolean {
  return FORBIDDEN.has(key);
}
