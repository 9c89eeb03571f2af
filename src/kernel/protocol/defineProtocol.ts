import type { ServiceIdentifier } from "inversify";
import { normalizeName } from "../util/normalizeName.js";

/**
 * `one`: a single selected implementation; `many`: every enabled one, for multi-injection.
 * @public
 */
export type Cardinality = "one" | "many";

/**
 * An extension point: an injection token plus the contract its implementations follow.
 * @public
 */
export interface Protocol<T = unknown> {
  /** Normalized name (`endpoint`, `phase_hook`). */
  readonly name: string;
  /** `Symbol.for("aiperf.protocol.<name>")`: the same in every copy of the framework. */
  readonly token: ServiceIdentifier<T>;
  readonly cardinality: Cardinality;
  /** Methods every implementation must have (checked when it is first loaded). */
  readonly members: readonly string[];
  readonly description: string;
  /** Internal protocols are hidden from listings unless asked for. */
  readonly internal: boolean;
  /** Optional class-validator class for registry entries' `metadata`. */
  readonly metadataClass?: new () => object;
}

/**
 * What `defineProtocol` takes.
 * @public
 */
export interface ProtocolSpec {
  name: string;
  cardinality: Cardinality;
  members?: readonly string[];
  description: string;
  internal?: boolean;
  metadataClass?: new () => object;
}

/**
 * The token of a protocol name; plugins that define the same name share it.
 * @public
 */
export function protocolToken<T>(name: string): ServiceIdentifier<T> {
  return Symbol.for(`aiperf.protocol.${normalizeName(name)}`);
}

/**
 * Declares a protocol. Use the Theia pattern so one name is both the token holder and the type:
 * `export const Notifier = defineProtocol<Notifier>({...}); export interface Notifier {...}`.
 * @public
 */
export function defineProtocol<T>(spec: ProtocolSpec): Protocol<T> {
  const name = normalizeName(spec.name);
  return Object.freeze({
    name,
    token: protocolToken<T>(name),
    cardinality: spec.cardinality,
    members: Object.freeze([...(spec.members ?? [])]),
    description: spec.description,
    internal: spec.internal ?? false,
    ...(spec.metadataClass ? { metadataClass: spec.metadataClass } : {}),
  });
}
