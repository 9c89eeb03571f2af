import type { Selection, Selections } from "../../kernel/app/Selections.js";
import { normalizeName } from "../../kernel/util/normalizeName.js";
import { MANY_SELECTIONS, ONE_SELECTIONS, ROUTED_SECTIONS } from "./AppConfig.js";
import type { ProfilerLoadedConfig } from "./loadProfilerConfig.js";

function getPath(raw: unknown, keyPath: readonly (string | number)[]): unknown {
  let node = raw;
  for (const key of keyPath) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

/**
 * Which implementation each profiler protocol uses, read from the profiler's own keys:
 * `endpoint.type`, `timing.strategy`, … (`one`), `plugins.phase_hooks`, `output.data_exporters`, …
 * (`many`). `ui: auto` becomes progress on a terminal, simple elsewhere. A routed section's other
 * keys become the selected implementation's config block (over `plugins.settings`).
 */
export function computeSelections(loaded: ProfilerLoadedConfig, isTTY: boolean): Selections {
  const one = new Map<string, Selection>();
  const many = new Map<string, Selection[]>();
  const config = loaded.config as unknown as Record<string, unknown>;
  for (const { protocol, path } of ONE_SELECTIONS) {
    let value = getPath(config, path);
    if (typeof value !== "string") continue;
    if (protocol === "ui" && value === "auto") value = isTTY ? "progress" : "simple";
    one.set(protocol, { name: normalizeName(value as string), path: [...path], explicit: getPath(loaded.raw, path) !== undefined });
  }
  for (const { path: sectionPath, protocol } of ROUTED_SECTIONS) {
    const sel = one.get(protocol);
    const block = loaded.routed.get(sectionPath.join("."));
    // An empty section leaves room for `plugins.settings["protocol.name"]`.
    if (sel && block && Object.keys(block).length > 0) Object.assign(sel, { config: block, configPath: [...sectionPath] });
  }
  for (const { protocol, path } of MANY_SELECTIONS) {
    const list = getPath(config, path);
    if (!Array.isArray(list)) continue;
    const explicit = getPath(loaded.raw, path) !== undefined;
    many.set(
      protocol,
      list.map((item: unknown, i) => {
        const ref = typeof item === "string" ? { name: item } : (item as { name: string; config?: Record<string, unknown> });
        return { name: normalizeName(ref.name), path: [...path, i], explicit, ...(ref.config ? { config: ref.config } : {}) };
      }),
    );
  }
  return { one, many };
}
