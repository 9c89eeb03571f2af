import { Container } from "inversify";
import type { Resolver } from "../binding/createRegistryModule.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import { normalizeName } from "../util/normalizeName.js";
import type { DisposalTracker } from "./DisposalTracker.js";
import type { Override } from "./Override.js";

/** The overrides of one app, sorted by what they replace. */
export interface OverridePlan {
  /** protocol → names that overrides add or replace. */
  names: Map<string, Set<string>>;
  /** `protocol\0name` → resolver. */
  named: Map<string, Resolver>;
  /** protocol → resolver of its unnamed binding(s). */
  defaults: Map<string, Resolver>;
  /** Tokens that are not protocols (host or app services). */
  others: { token: Override["token"]; name?: string; resolve: Resolver }[];
}

function isProtocolToken(o: Override): o is Override & { token: Protocol } {
  return typeof o.token === "object" && o.token !== null && "cardinality" in o.token;
}

/** Sorts overrides and builds their resolvers (each built once per app, in the app's container). */
export function planOverrides(overrides: readonly Override[], container: Container, tracker: DisposalTracker): OverridePlan {
  const plan: OverridePlan = { names: new Map(), named: new Map(), defaults: new Map(), others: [] };
  for (const o of overrides) {
    const resolve = overrideResolver(o, container, tracker);
    if (!isProtocolToken(o)) {
      plan.others.push({ token: o.token, ...(o.name === undefined ? {} : { name: o.name }), resolve });
    } else if (o.name === undefined) {
      plan.defaults.set(o.token.name, resolve);
    } else {
      const name = normalizeName(o.name);
      plan.named.set(`${o.token.name}\u0000${name}`, resolve);
      const set = plan.names.get(o.token.name) ?? new Set<string>();
      set.add(name);
      plan.names.set(o.token.name, set);
    }
  }
  return plan;
}

function overrideResolver(o: Override, container: Container, tracker: DisposalTracker): Resolver {
  if ("useValue" in o) return async () => o.useValue;
  let pending: Promise<unknown> | undefined;
  const memo =
    (make: () => Promise<unknown>): Resolver =>
    () => {
      pending ??= make();
      return pending;
    };
  if (o.useClass) {
    const cls = o.useClass as unknown as new () => object;
    return memo(async () => {
      const child = new Container({ parent: container });
      child.bind(cls).toSelf().inSingletonScope();
      const instance = await child.getAsync(cls);
      tracker.track(child, `override ${cls.name}`);
      return instance;
    });
  }
  if (o.useFactory) {
    const factory = o.useFactory;
    return memo(async () => factory(container));
  }
  throw new TypeError("an override needs useValue, useClass or useFactory");
}
