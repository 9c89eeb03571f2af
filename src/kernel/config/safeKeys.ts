import type { SourceLocation } from "../errors/AiperfError.js";
import { ConfigInvalidError } from "../errors/errors.js";
import { unsafeNodes } from "../util/unsafeNodes.js";

export { isForbiddenKey } from "../util/isForbiddenKey.js";

/**
 * Refuses `__proto__`, `constructor` and `prototype` as keys anywhere in a config object, and YAML
 * alias cycles, before anything copies or assigns it (an assignment would change a prototype or
 * pollute every object; a cycle would send every walk of the config into a loop). `at` is where
 * `raw` will sit in the config (a `--set` value), so reported paths are whole.
 */
export function assertSafeKeys(
  raw: unknown,
  locate: (keyPath: (string | number)[]) => SourceLocation | undefined = () => undefined,
  at: readonly (string | number)[] = [],
): void {
  const found = unsafeNodes(raw).map((node) => ({ ...node, path: [...at, ...node.path] }));
  if (found.length === 0) return;
  throw new ConfigInvalidError(
    found.map(({ path: keyPath, kind }) => {
      const location = locate(keyPath);
      return {
        path: keyPath.join("."),
        message:
          kind === "key"
            ? `key "${String(keyPath[keyPath.length - 1])}" is not allowed in config (it would reach an object's prototype)`
            : "this YAML alias refers to a node that contains it (a cycle)",
        ...(location ? { location } : {}),
      };
    }),
  );
}
