/**
 * A typed event key: its name, and (at the type level only) the payload every emit of it carries.
 * Made by `defineEvent`; handlers declared in registry.yaml name it by `name`.
 * @public
 */
export interface EventType<T> {
  readonly name: string;
  /** Never set: carries `T` so `emit(event, payload)` and `on(event, handler)` are checked. */
  readonly __payload?: (payload: T) => void;
}

/**
 * Declares an event: `export const PhaseComplete = defineEvent<{ phase: string }>("phase.complete")`.
 * Two definitions with the same name are the same event on the bus.
 * @public
 */
export function defineEvent<T>(name: string): EventType<T> {
  if (typeof name !== "string" || name.trim() === "") throw new TypeError("defineEvent: an event needs a non-empty name");
  return Object.freeze({ name });
}
