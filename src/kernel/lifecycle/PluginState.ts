/**
 * A plugin's small JSON state, kept across runs in the app's state folder (one file per plugin):
 * restored before `initialize`, saved after `cleanup`. Inject it with `@inject(PLUGIN_STATE)`.
 * @public
 */
export interface PluginState<T = unknown> {
  /** The state saved by an earlier run (or set in this one), undefined when there is none. */
  get(): T | undefined;
  /** Replaces the state; it must survive `JSON.stringify`. */
  set(value: T): void;
}
