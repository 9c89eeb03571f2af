import type { PluginOrigin } from "../registry/types.js";

/** A registry file to read, and where it came from. */
export interface PluginSource {
  origin: PluginOrigin;
  /** The plugin's folder: class paths must stay inside it. */
  root: string;
  registryFile: string;
  /** From the plugin's package.json, when it has one. */
  packageName?: string;
  packageVersion?: string;
}
