import path from "node:path";
import type { BuiltinRegistry } from "../kernel/discovery/findPluginSources.js";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import type { Protocol } from "../kernel/protocol/defineProtocol.js";
import { BUILTIN_PROTOCOLS } from "./protocols/builtinProtocols.js";

/**
 * What the profiler hands the kernel as a host: its protocols and its built-in registry. The app
 * and the `plugins` listing commands use this one description, so they always agree.
 */
export function profilerHost(options: { builtin?: boolean } = {}): { protocols: readonly Protocol[]; builtin: BuiltinRegistry[] } {
  const framework = frameworkPackage();
  return {
    protocols: BUILTIN_PROTOCOLS,
    builtin: options.builtin === false ? [] : [{ file: path.join(framework.root, "registry.yaml"), root: framework.root }],
  };
}
