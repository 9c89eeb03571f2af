import type { ServiceIdentifier } from "inversify";
import type { KernelConfig } from "../config/KernelConfig.js";
import type { LoadedConfig } from "../config/loadConfig.js";
import type { PluginState } from "../lifecycle/PluginState.js";
import type { Registry } from "../registry/Registry.js";
import type { ImplementationEntry } from "../registry/types.js";
import type { Logger } from "./Logger.js";

/**
 * The validated config of the implementation being built (its registry `config:` class).
 * @public
 */
export const PLUGIN_CONFIG: ServiceIdentifier<unknown> = Symbol.for("aiperf.plugin_config");
/**
 * The registry entry of the implementation being built.
 * @public
 */
export const PLUGIN_ENTRY: ServiceIdentifier<ImplementationEntry> = Symbol.for("aiperf.plugin_entry");
/**
 * The app's whole validated config, an instance of the host's config class. A host exports the
 * same symbol typed with its class (the profiler's `APP_CONFIG` is `ServiceIdentifier<AppConfig>`).
 * @public
 */
export const APP_CONFIG: ServiceIdentifier<KernelConfig> = Symbol.for("aiperf.app_config");
/**
 * The app's config with its source: file, base folder (relative paths in config resolve against
 * it) and key locations for error messages.
 * @public
 */
export const LOADED_CONFIG: ServiceIdentifier<LoadedConfig> = Symbol.for("aiperf.loaded_config");
/**
 * The app's `Registry`.
 * @public
 */
export const REGISTRY: ServiceIdentifier<Registry> = Symbol.for("aiperf.registry");
/**
 * The app's `Logger`.
 * @public
 */
export const LOGGER: ServiceIdentifier<Logger> = Symbol.for("aiperf.logger");
/**
 * A plugin lifecycle class's state store (see `PluginState`), persisted in the app's state folder.
 * @public
 */
export const PLUGIN_STATE: ServiceIdentifier<PluginState> = Symbol.for("aiperf.plugin_state");
