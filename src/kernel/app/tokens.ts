import type { ServiceIdentifier } from "inversify";
import type { ImplementationEntry } from "../registry/types.js";

/** The validated config of the implementation being built (its registry `config:` class). */
export const PLUGIN_CONFIG: ServiceIdentifier<unknown> = Symbol.for("aiperf.plugin_config");
/** The registry entry of the implementation being built. */
export const PLUGIN_ENTRY: ServiceIdentifier<ImplementationEntry> = Symbol.for("aiperf.plugin_entry");
/** The app's whole validated config (`AppConfig`). */
export const APP_CONFIG: ServiceIdentifier<unknown> = Symbol.for("aiperf.app_config");
/** The app's `Registry`. */
export const REGISTRY: ServiceIdentifier<unknown> = Symbol.for("aiperf.registry");
/** The app's `Logger`. */
export const LOGGER: ServiceIdentifier<unknown> = Symbol.for("aiperf.logger");
