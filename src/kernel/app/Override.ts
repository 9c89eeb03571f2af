import type { Container, ServiceIdentifier } from "inversify";
import type { Protocol } from "../protocol/defineProtocol.js";

/**
 * Replaces one binding in one app (tests, embedding). Give exactly one of `useValue`,
 * `useClass` or `useFactory`. With a protocol and a `name`, the named implementation is replaced
 * everywhere it is used (named lookups, the default of a `one` protocol, multi-injection);
 * without a name, the protocol's default binding (or every multi-binding of a `many` protocol).
 * @public
 */
export interface Override<T = unknown> {
  token: Protocol<T> | ServiceIdentifier<T>;
  name?: string;
  useValue?: T;
  useClass?: new (...args: never[]) => T;
  useFactory?: (container: Container) => T | Promise<T>;
}
