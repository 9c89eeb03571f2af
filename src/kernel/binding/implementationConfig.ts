import type { SourceLocation } from "../errors/AiperfError.js";
import { ConfigInvalidError, PluginLoadFailedError } from "../errors/errors.js";
import type { ImplementationEntry } from "../registry/types.js";
import { validateClass } from "../util/validateClass.js";
import { importModule } from "./importModule.js";
import { refOf } from "./LazyImplementation.js";

/**
 * Validates an implementation's `config:` block with the class its registry entry names, before
 * the implementation is constructed. Without a config class the block is passed as is.
 * `keyPath` is where the block sits in the app config, for error messages.
 */
export async function validateImplementationConfig(
  entry: ImplementationEntry,
  block: Record<string, unknown> | undefined,
  keyPath: readonly (string | number)[],
  locate: (path: readonly (string | number)[]) => SourceLocation | undefined = () => undefined,
): Promise<unknown> {
  if (!entry.config) return block ?? {};
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(entry.config.modulePath, entry.config.root);
  } catch (error) {
    throw new PluginLoadFailedError(refOf(entry), `importing its config class module ${entry.config.modulePath} failed`, error);
  }
  const cls = mod[entry.config.exportName];
  if (typeof cls !== "function") {
    throw new PluginLoadFailedError(refOf(entry), `config class "${entry.config.exportName}" is not exported by ${entry.config.modulePath}`);
  }
  const { value, issues } = validateClass(cls as new () => object, block ?? {});
  if (issues.length > 0) {
    throw new ConfigInvalidError(
      issues.map((i) => {
        const full = [...keyPath, ...i.path];
        const location = locate(full) ?? locate(keyPath);
        return { path: full.join("."), message: i.message, ...(location ? { location } : {}) };
      }),
      `config of ${entry.protocol} "${entry.name}"`,
    );
  }
  return value;
}
