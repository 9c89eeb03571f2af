import type { Container, ServiceIdentifier } from "inversify";
import type { KernelConfig } from "../config/KernelConfig.js";
import type { LoadedConfig } from "../config/loadConfig.js";
import { AiperfError } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";
import type { HealthReport, StartReport } from "../lifecycle/PluginLifecycle.js";
import type { PluginLifecycles } from "../lifecycle/PluginLifecycles.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import type { Registry } from "../registry/Registry.js";
import type { ImplementationEntry } from "../registry/types.js";
import { normalizeName } from "../util/normalizeName.js";
import type { Logger } from "./Logger.js";

function isProtocol(value: unknown): value is Protocol {
  return typeof value === "object" && value !== null && "token" in value && "cardinality" in value && "members" in value;
}

/** What an App is made of; built by `createApp`. */
export interface AppParts<TConfig extends KernelConfig = KernelConfig> {
  container: Container;
  registry: Registry;
  loaded: LoadedConfig<TConfig>;
  logger: Logger;
  /** The application folder discovery ran in. */
  root: string;
  defaults: ReadonlyMap<string, string>;
  /** Names resolvable for a protocol beyond the registry (overrides that add a name). */
  extraNames: ReadonlyMap<string, ReadonlySet<string>>;
  /** True when (protocol, name) — or the protocol's default when `name` is undefined — is built once per app. */
  isSingleton(protocol: string, name: string | undefined): boolean;
  /** Builds (once per app) any entry, winner or shadowed. */
  resolveEntry(entry: ImplementationEntry): Promise<unknown>;
  /** Validates the config block of every selected and enabled implementation. */
  checkConfig(): Promise<void>;
  /** The validated config block of (protocol, name). */
  configOf(entry: ImplementationEntry): Promise<unknown>;
  /** The plugins' lifecycle classes (start, health, cleanup). */
  lifecycles: PluginLifecycles;
  dispose(): Promise<void>;
}

/**
 * An application: one Inversify container (seeing the host's services, resolved by the host, if
 * given) with every discovered implementation bound lazily. Any number may live in one process;
 * none shares state with another.
 * @public
 */
export class App<TConfig extends KernelConfig = KernelConfig> {
  /** The app's container; bind your own services here or in the parent. */
  readonly container: Container;
  /** Metadata of every protocol, plugin and implementation; imports nothing. */
  readonly registry: Registry;
  readonly logger: Logger;
  private disposed = false;

  constructor(private readonly parts: AppParts<TConfig>) {
    this.container = parts.container;
    this.registry = parts.registry;
    this.logger = parts.logger;
  }

  /** The application folder (its package.json dependencies and plugins/ were discovered). */
  get root(): string {
    return this.parts.root;
  }

  /** The validated config (an instance of the host's config class). */
  get config(): TConfig {
    return this.parts.loaded.config;
  }

  /** The config with its source (file, base folder, key locations). */
  get loadedConfig(): LoadedConfig<TConfig> {
    return this.parts.loaded;
  }

  /**
   * Validates the config block of every selected and enabled implementation with its registry
   * `config:` class, importing those classes' modules only. Call it before starting work, so a
   * typo fails with file:line:col before anything happens.
   */
  checkConfig(): Promise<void> {
    this.assertLive();
    return this.parts.checkConfig();
  }

  /**
   * Resolves a protocol's configured implementation, or the one called `name` (any spelling),
   * importing it on first use. Also resolves any other token bound in the app or its parent.
   * Singleton implementations are remembered by the app once built, so later calls skip the
   * container (rebinding a protocol token by hand after that is not seen by `get`).
   */
  get<T>(what: Protocol<T> | ServiceIdentifier<T>, name?: string): Promise<T> {
    // Hot path: a singleton already built by this app is returned without a container lookup.
    const hit = this.built.get(what)?.get(name);
    if (hit !== undefined && !this.disposed) return Promise.resolve(hit as T);
    return this.resolve(what, name);
  }

  /** Instances built through `get`, by protocol (or token) and the name as passed. */
  private readonly built = new Map<unknown, Map<string | undefined, unknown>>();

  private async resolve<T>(what: Protocol<T> | ServiceIdentifier<T>, name: string | undefined): Promise<T> {
    const value = await this.lookup(what, name);
    if (isProtocol(what) && this.parts.isSingleton(what.name, name === undefined ? undefined : normalizeName(name))) {
      let byName = this.built.get(what);
      if (!byName) {
        byName = new Map();
        this.built.set(what, byName);
      }
      byName.set(name, value);
    }
    return value;
  }

  private async lookup<T>(what: Protocol<T> | ServiceIdentifier<T>, name?: string): Promise<T> {
    this.assertLive();
    if (!isProtocol(what)) {
      return name === undefined ? this.container.getAsync<T>(what) : this.container.getAsync<T>(what, { name });
    }
    if (name !== undefined) {
      const normalized = normalizeName(name);
      if (!this.parts.extraNames.get(what.name)?.has(normalized)) this.registry.entry(what.name, normalized);
      return this.container.getAsync<T>(what.token, { name: normalized });
    }
    if (what.cardinality === "many") {
      throw new AiperfError(
        ErrorCode.NoSelection,
        `${what.name} is a "many" protocol: use app.getAll(${what.name}) for the enabled ones, or app.get(${what.name}, name) for one of them.`,
      );
    }
    if (!this.parts.defaults.has(what.name) && !this.container.isBound(what.token)) {
      const available = this.registry
        .winners(what.name)
        .map((e) => e.name)
        .sort();
      throw new AiperfError(
        ErrorCode.NoSelection,
        `No ${what.name} is selected in config. Available: ${available.join(", ") || "none"}. Select one in config, or call app.get(${what.name}, name).`,
      );
    }
    return this.container.getAsync<T>(what.token);
  }

  /** Every enabled implementation of a `many` protocol, in binding order ([] when none). */
  async getAll<T>(what: Protocol<T> | ServiceIdentifier<T>): Promise<T[]> {
    this.assertLive();
    return this.container.getAllAsync<T>(isProtocol(what) ? what.token : what);
  }

  /** Any entry, winner or shadowed, by its class path (see `Registry.findByClassPath`). */
  async getByClassPath<T>(protocol: Protocol<T> | string, classPath: string, name?: string): Promise<T> {
    this.assertLive();
    const protocolName = typeof protocol === "string" ? protocol : protocol.name;
    return (await this.parts.resolveEntry(this.registry.findByClassPath(protocolName, classPath, name))) as T;
  }

  /**
   * The validated config block of a protocol's selected implementation, or of the one called
   * `name`: what that implementation receives through `PLUGIN_CONFIG`.
   */
  async configOf(what: Protocol | string, name?: string): Promise<unknown> {
    this.assertLive();
    const protocol = typeof what === "string" ? this.registry.protocol(what).name : what.name;
    const chosen = name ?? this.parts.defaults.get(protocol);
    if (chosen === undefined) throw new AiperfError(ErrorCode.NoSelection, `No ${protocol} is selected in config; pass a name.`);
    return this.parts.configOf(this.registry.entry(protocol, chosen));
  }

  /**
   * Starts the enabled plugins' lifecycle classes (`initialize`) in dependency order, independent
   * ones concurrently, each bounded by `plugins.start_timeout_ms`. A missing dependency, a version
   * out of range or a cycle rejects before anything is initialized. A plugin that fails is reported
   * and its dependents skipped; the others start (unless `plugins.on_start_failure: fail`, which
   * rejects with `AIPERF_PLUGIN_START_FAILED` after cleaning up those already started). Calling it
   * again returns the same report.
   */
  start(): Promise<StartReport> {
    this.assertLive();
    return this.parts.lifecycles.start();
  }

  /** True once `start()` has finished (whatever its outcome). */
  get started(): boolean {
    return this.parts.lifecycles.startReport !== undefined;
  }

  /**
   * Asks every started plugin's `health()` (each bounded by `plugins.health_timeout_ms`); plugins
   * that failed to start or were skipped are `down`. The overall status is the worst.
   */
  health(): Promise<HealthReport> {
    this.assertLive();
    return this.parts.lifecycles.health();
  }

  /** `await using app = await createApp(…)` disposes the app at the end of the block. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  /**
   * Cleans up started plugins (`cleanup`, in reverse order of start completion), then runs every
   * `@preDestroy` of what this app built, newest first (async allowed), then unbinds everything. A failing disposer does not stop the others; failures are thrown together as
   * `AIPERF_DISPOSE_FAILED` once all have run. Calling it twice is harmless.
   */
  async dispose(): Promise<void> {
    if (this.disposed) return;
    this.disposed = true;
    this.built.clear();
    await this.parts.dispose();
  }

  private assertLive(): void {
    if (this.disposed) throw new AiperfError(ErrorCode.Usage, "this app has been disposed; create a new one with createApp()");
  }
}
