import { Container, type Newable } from "inversify";
import { PLUGIN_CONFIG, PLUGIN_STATE } from "../app/tokens.js";
import { importModule } from "../binding/importModule.js";
import { AiperfError } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";
import { ConfigInvalidError } from "../errors/errors.js";
import type { PluginRecord } from "../registry/types.js";
import { validateClass } from "../util/validateClass.js";
import type { FilePluginState } from "./FilePluginState.js";
import type { PluginLifecycle } from "./PluginLifecycle.js";

/** A built lifecycle instance and the child container it lives in. */
export interface BuiltLifecycle {
  instance: PluginLifecycle;
  container: Container;
}

/**
 * Imports a plugin's lifecycle class and builds it in a child of the app container, with its
 * config block (validated by the class's static `configClass`, if any) and its state store.
 */
export async function buildLifecycle(
  plugin: PluginRecord,
  parent: Container,
  block: Record<string, unknown> | undefined,
  state: FilePluginState,
): Promise<BuiltLifecycle> {
  const ref = plugin.lifecycle;
  if (!ref) throw new AiperfError(ErrorCode.Usage, `plugin "${plugin.name}" has no lifecycle class`);
  const mod = await importModule(ref.modulePath);
  const cls = mod[ref.exportName];
  if (typeof cls !== "function") {
    throw new AiperfError(ErrorCode.PluginLoadFailed, `lifecycle "${ref.raw}" of plugin "${plugin.name}": the module has no class "${ref.exportName}"`);
  }
  const container = new Container({ parent });
  container.bind(PLUGIN_CONFIG).toConstantValue(configOf(plugin, cls as Newable<object>, block));
  container.bind(PLUGIN_STATE).toConstantValue(state);
  container
    .bind(cls as Newable<object>)
    .toSelf()
    .inSingletonScope();
  try {
    return { instance: (await container.getAsync(cls as Newable<object>)) as PluginLifecycle, container };
  } catch (error) {
    await container.unbindAllAsync().catch(() => undefined);
    throw error;
  }
}

function configOf(plugin: PluginRecord, cls: Newable<object>, block: Record<string, unknown> | undefined): unknown {
  const configClass = (cls as unknown as { configClass?: unknown }).configClass;
  if (typeof configClass !== "function") return block ?? {};
  const { value, issues } = validateClass(configClass as new () => object, block ?? {});
  if (issues.length === 0) return value;
  const key = `plugins.settings.plugin.${plugin.name}`;
  throw new ConfigInvalidError(
    issues.map((i) => ({ path: [key, ...i.path].join("."), message: i.message })),
    `config of plugin "${plugin.name}"`,
  );
}
