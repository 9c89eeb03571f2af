import { type BindingConstraints, bindingScopeValues, bindingTypeValues, Container, type IsBoundOptions, type ServiceIdentifier } from "inversify";
import type { ParentContainer } from "./ParentContainer.js";

/** The lookups a child container makes on its parent's binding service (inversify 8 internals). */
interface ParentLookup {
  get(serviceIdentifier: ServiceIdentifier): unknown[] | undefined;
  getChained(serviceIdentifier: ServiceIdentifier): Generator<unknown>;
}

/** Inversify accepts a plugin by this marker rather than by class, so no import of @inversifyjs/plugin. */
const IS_PLUGIN = Symbol.for("@inversifyjs/plugin/isPlugin");

/**
 * Returns the container to give an app as its parent in place of the host's. It binds nothing:
 * every lookup the app cannot answer itself is answered by a binding that asks the host, through
 * its public API, for the same token, name and tag.
 *
 * Why not the host itself: inversify builds a parent's binding in the requesting child's context
 * and caches a singleton on the parent's binding, so a host singleton resolved through an app
 * would get the app's bindings (overrides included) and keep them after the app is disposed.
 * Asked this way, a host service is always the one the host itself returns. And inversify reads
 * a parent's private fields, which fails when the host's inversify is another copy.
 *
 * Limits, all from the host's public API: one binding stands for all the host's bindings of a
 * token, so multi-injecting a token the host binds several times fails as ambiguous; the host
 * sees each request as a root request (no ancestors for its `when` predicates, at most one tag);
 * and an optional lookup the app planned while the host had no match is not redone when the host
 * binds it later (inversify caches the plan and the host cannot tell the app).
 */
export function isolateParent(host: ParentContainer): Container {
  const bridge = new Container();
  // Negative, so they never collide with the ids inversify gives the bridge's own (no) bindings.
  let nextBindingId = -1;
  class HostLookupPlugin {
    readonly [IS_PLUGIN] = true;
    constructor(
      _container: unknown,
      private readonly context: { bindingService: ParentLookup },
    ) {}
    load(): void {
      const service = this.context.bindingService;
      // A fresh binding per lookup: it keeps the constraints it was matched with (see hostBinding).
      service.get = (id) => [hostBinding(host, id, nextBindingId--)];
      service.getChained = function* (id) {
        yield hostBinding(host, id, nextBindingId--);
      };
    }
  }
  bridge.register(HostLookupPlugin as never);
  return bridge;
}

/** The host's options for a request, or undefined when the host's API cannot express it. */
function hostOptions(constraints: BindingConstraints): IsBoundOptions | undefined {
  if (constraints.tags.size > 1) return undefined;
  const options: IsBoundOptions = {};
  if (constraints.name !== undefined) options.name = constraints.name;
  for (const [key, value] of constraints.tags) options.tag = { key, value };
  return options;
}

function isAsyncServiceError(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("Unexpected asynchronous service");
}

/**
 * A transient binding of `id` resolved by the host. Inversify plans a binding by calling
 * `isSatisfiedBy` with the request's constraints right after the lookup, and caches plans by
 * those constraints, so the options remembered there are the ones every later resolution of
 * this binding is for.
 */
function hostBinding(host: ParentContainer, id: ServiceIdentifier, bindingId: number): unknown {
  let options: IsBoundOptions | undefined;
  // Sync first, so a sync host service still resolves in a sync `get`; once the host says it is
  // async, ask asynchronously. An async singleton's promise is cached by the host, so nothing is
  // built twice; only a transient async host service is, once, by the refused sync attempt.
  let isAsync = false;
  return {
    cache: { isRight: false, value: undefined },
    id: bindingId,
    moduleId: undefined,
    onActivation: undefined,
    onDeactivation: undefined,
    scope: bindingScopeValues.Transient,
    serviceIdentifier: id,
    type: bindingTypeValues.DynamicValue,
    isSatisfiedBy: (constraints: BindingConstraints): boolean => {
      options = hostOptions(constraints);
      return options !== undefined && host.isBound(id, options);
    },
    value: (): unknown => {
      if (!isAsync) {
        try {
          return host.get(id, options);
        } catch (error) {
          if (!isAsyncServiceError(error)) throw error;
          isAsync = true;
        }
      }
      return host.getAsync(id, options);
    },
  };
}
