import type { Selections } from "../../kernel/app/Selections.js";
import type { SourceLocation } from "../../kernel/errors/AiperfError.js";
import { ConfigInvalidError, type ConfigIssue } from "../../kernel/errors/errors.js";
import type { Registry } from "../../kernel/registry/Registry.js";
import { closestName } from "../../kernel/util/closestName.js";
import { ROUTED_SECTIONS } from "./AppConfig.js";

/**
 * Routed keys need an implementation that declares them. The kernel hands a block as is to an
 * implementation without a registry `config:` class, which in a routed section would let a typo
 * (or a key meant for another implementation) pass unnoticed; so each such key is reported as
 * unknown here, with the closest key the profiler owns there.
 */
export function checkRoutedOwners(
  registry: Registry,
  selections: Selections,
  locate: (keyPath: readonly (string | number)[]) => SourceLocation | undefined,
): void {
  const issues: ConfigIssue[] = [];
  for (const { path: sectionPath, protocol, owned } of ROUTED_SECTIONS) {
    const sel = selections.one.get(protocol);
    // `plugins.select` may have replaced the routed selection: its block then is not this section.
    if (!sel?.config || sel.configPath?.join(".") !== sectionPath.join(".")) continue;
    if (!registry.has(protocol, sel.name) || registry.entry(protocol, sel.name).config) continue;
    for (const key of Object.keys(sel.config)) {
      const keyPath = [...sectionPath, key];
      const close = closestName(key, owned);
      const location = locate(keyPath);
      issues.push({
        path: keyPath.join("."),
        message: `unknown key "${key}".${close ? ` Did you mean "${close}"?` : ""} ${protocol} "${sel.name}" takes no keys of its own (its registry entry has no config: class); valid keys: ${[...owned].sort().join(", ")}.`,
        ...(location ? { location } : {}),
      });
    }
  }
  if (issues.length > 0) throw new ConfigInvalidError(issues);
}
