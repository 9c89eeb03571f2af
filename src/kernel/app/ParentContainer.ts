import type { GetOptions, IsBoundOptions, ServiceIdentifier } from "inversify";

/**
 * A host's container, given as `createApp({ parent })`: any inversify 8 `Container`, from the
 * framework's copy of inversify or from another copy or version. Only these public methods are
 * called, which is why two copies never need each other's private state.
 *
 * @public
 */
export interface ParentContainer {
  isBound(serviceIdentifier: ServiceIdentifier, options?: IsBoundOptions): boolean;
  get<T>(serviceIdentifier: ServiceIdentifier<T>, options?: GetOptions): T;
  getAsync<T>(serviceIdentifier: ServiceIdentifier<T>, options?: GetOptions): Promise<T>;
}
