import { deprecate } from "node:util";
import type { App } from "../../kernel/app/App.js";
import type { Protocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * A deprecated factory: `createInstance(name, app)` resolves through the app's registry.
 * @public
 */
export interface LegacyFactory<T> {
  /** @deprecated Use `app.get(Protocol, name)`. */
  createInstance(name: string, app: App): Promise<T>;
}

/**
 * Builds one legacy factory shim. The first call in a process emits one
 * `DeprecationWarning` with the code `AIPERF_DEP_<FACTORY>` naming the replacement; every call
 * delegates to `app.get(protocol, name)`, so it returns exactly what the registry would.
 */
export function createLegacyFactory<T>(factoryName: string, protocol: Protocol<T>, protocolExport: string): LegacyFactory<T> {
  const code = `AIPERF_DEP_${factoryName.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}`;
  const create = deprecate(
    (name: string, app: App): Promise<T> => app.get(protocol, name),
    `${factoryName}.createInstance(name, app) is deprecated: use app.get(${protocolExport}, name) (see docs/migrating-from-factories.md).`,
    code,
  );
  return { createInstance: (name, app) => create(name, app) };
}
