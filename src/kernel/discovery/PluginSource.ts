import type { PluginOrigin, RegistryProblem } from "../registry/types.js";

/** A registry file to read, and where it came from. */
export interface PluginSource {
  origin: PluginOrigin;
  /** The plugin's folder: class paths must stay inside it. */
  root: string;
  /** The registry.yaml; the package.json itself when that declares its registry wrongly. */
  registryFile: string;
  /** From the plugin's package.json, when it has one. */
  packageName?: string;
  packageVersion?: string;
  /** What is wrong with the plugin's package.json; any error skips the plugin unread. */
  problems?: RegistryProblem[];
}
