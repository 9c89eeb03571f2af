import type { Container } from "inversify";
import { ContainerModule } from "inversify";
import { PluginLoadFailedError } from "../errors/errors.js";
import type { Registry } from "../registry/Registry.js";
import { importModule } from "./importModule.js";

/**
 * Loads each plugin's optional hand-written ContainerModule (`plugin.module`), one at a time in
 * discovery order so bindings keep that order. These are imported at start-up by design: a plugin
 * that declares one asks for it.
 */
export async function loadPluginModules(registry: Registry, container: Container): Promise<void> {
  for (const plugin of registry.plugins()) {
    if (plugin.skipped || !plugin.module) continue;
    const ref = { protocol: "plugin", name: plugin.name, plugin: plugin.name, modulePath: plugin.module.modulePath, exportName: plugin.module.exportName };
    let exported: unknown;
    try {
      exported = (await importModule(plugin.module.modulePath, plugin.module.root))[plugin.module.exportName];
    } catch (error) {
      throw new PluginLoadFailedError(ref, "importing the plugin module failed", error);
    }
    if (!(exported instanceof ContainerModule) && !(exported && typeof (exported as ContainerModule).load === "function")) {
      throw new PluginLoadFailedError(ref, `export "${plugin.module.exportName}" is not an inversify ContainerModule`);
    }
    await container.loadAsync(exported as ContainerModule);
  }
}
