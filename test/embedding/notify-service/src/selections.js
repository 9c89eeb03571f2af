import { normalizeName } from "aiperf/kernel";

/**
 * Maps `notify.formatter` and `notify.channels` to the kernel's selections. A name counts as
 * explicit only when the user wrote it: a built-in default nobody provides is skipped, a typo fails
 * with the choices and file:line:col.
 */
export function notifySelections(loaded) {
  const { notify } = loaded.config;
  const written = loaded.raw.notify ?? {};
  const formatter = { name: normalizeName(notify.formatter), path: ["notify", "formatter"], explicit: written.formatter !== undefined };
  const notifiers = Object.entries(notify.channels).map(([name, settings]) => ({
    name: normalizeName(name),
    path: ["notify", "channels", name],
    explicit: written.channels !== undefined,
    // Each notifier's settings are validated by its own registry `config:` class.
    config: settings ?? {},
    configPath: ["notify", "channels", name],
  }));
  return { one: new Map([["formatter", formatter]]), many: new Map([["notifier", notifiers]]) };
}
