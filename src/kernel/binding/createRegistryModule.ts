import { ContainerModule } from "inversify";
import type { Protocol } from "../protocol/defineProtocol.js";
import type { Registry } from "../registry/Registry.js";

/** Produces (or replaces) the instance of one implementation. */
export type Resolver = () => Promise<unknown>;

/** What to bind, decided by createApp. */
export interface BindingPlan {
  registry: Registry;
  /** Resolver of a winning entry (lazy import, or an override). */
  resolverFor(protocol: string, name: string): Resolver;
  /** `one` protocols: the selected implementation's name. */
  defaults: ReadonlyMap<string, string>;
  /** `many` protocols: enabled names, in binding order. */
  enabled: ReadonlyMap<string, readonly string[]>;
  /** Replacements of a protocol's unnamed binding(s) (test overrides without a name). */
  defaultOverrides: ReadonlyMap<string, Resolver>;
}

/**
 * One ContainerModule with every winning entry as a lazy named binding, plus unnamed bindings for
 * the selected `one` implementation and each enabled `many` implementation, in order. Transient
 * at the inversify level: the resolvers cache (inversify's singleton would cache a rejection).
 */
export function createRegistryModule(plan: BindingPlan): ContainerModule {
  return new ContainerModule(({ bind }) => {
    for (const protocol of plan.registry.protocols()) {
      const token = (protocol as Protocol).token;
      for (const entry of plan.registry.winners(protocol.name)) {
        const resolve = plan.resolverFor(protocol.name, entry.name);
        bind(token).toDynamicValue(resolve).inTransientScope().whenNamed(entry.name);
      }
      const override = plan.defaultOverrides.get(protocol.name);
      if (override) {
        bind(token).toDynamicValue(override).inTransientScope().whenDefault();
        continue;
      }
      if (protocol.cardinality === "one") {
        const selected = plan.defaults.get(protocol.name);
        if (selected !== undefined) bind(token).toDynamicValue(plan.resolverFor(protocol.name, selected)).inTransientScope().whenDefault();
      } else {
        for (const name of plan.enabled.get(protocol.name) ?? []) {
          bind(token).toDynamicValue(plan.resolverFor(protocol.name, name)).inTransientScope().whenDefault();
        }
      }
    }
  });
}
