import "reflect-metadata";
import path from "node:path";
import { Container, type ContainerModule } from "inversify";
import { createRegistryModule, type Resolver } from "../binding/createRegistryModule.js";
import { validateImplementationConfig } from "../binding/implementationConfig.js";
import { LazyImplementation } from "../binding/LazyImplementation.js";
import { loadPluginModules } from "../binding/loadPluginModules.js";
import type { KernelConfig } from "../config/KernelConfig.js";
import { type ConfigSchema, type LoadedConfig, loadConfig } from "../config/loadConfig.js";
import { discoverPlugins } from "../discovery/discoverPlugins.js";
import type { BuiltinRegistry } from "../discovery/findPluginSources.js";
import { cachedManifestReader } from "../discovery/manifestCache.js";
import { formatLocation } from "../errors/AiperfError.js";
import { createEventBus } from "../events/createEventBus.js";
import { EventBus } from "../events/EventBus.js";
import { defaultStateDir } from "../lifecycle/defaultStateDir.js";
import { PluginLifecycles } from "../lifecycle/PluginLifecycles.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import type { Registry } from "../registry/Registry.js";
import type { ImplementationEntry } from "../registry/types.js";
import { normalizeName } from "../util/normalizeName.js";
import { App } from "./App.js";
import { DisposalTracker } from "./DisposalTracker.js";
import { isolateParent } from "./isolateParent.js";
import { createConsoleLogger, type Logger } from "./Logger.js";
import type { Override } from "./Override.js";
import { type OverridePlan, planOverrides } from "./overrides.js";
import type { ParentContainer } from "./ParentContainer.js";
import { planSelections, type SelectionPlan } from "./planSelections.js";
import { emptySelections, type Selections, withPluginSelect } from "./Selections.js";
import { APP_CONFIG, LOADED_CONFIG, LOGGER, REGISTRY } from "./tokens.js";

/**
 * What a host decides when it builds an app (the kernel's `createApp`).
 * @public
 */
export interface CreateAppOptions<TConfig extends KernelConfig = KernelConfig> {
  /** The host's extension points. Plugins may define more in their registry.yaml. */
  protocols?: readonly Protocol[];
  /** The host's own registry.yaml file(s) of built-in implementations, read before any plugin. */
  registry?: string | BuiltinRegistry | readonly (string | BuiltinRegistry)[];
  /** The package.json field that marks the host's plugin packages (default `aiperf`). */
  manifestField?: string;
  /** The application folder: its package.json dependencies and plugins/ are discovered. Default: cwd. */
  root?: string;
  /**
   * The host's container (any inversify 8 copy): plugins can inject host services, each resolved
   * by the host itself; the host never sees the app's bindings or overrides.
   */
  parent?: ParentContainer;
  /** A YAML config file or a config object (default: all defaults). */
  config?: string | Record<string, unknown>;
  /** A config the host already loaded with `loadConfig` (instead of `config`). */
  loaded?: LoadedConfig<TConfig>;
  /** The class validating the whole config; it must have `plugins` (default: `KernelConfig`). */
  configClass?: ConfigSchema<TConfig>["configClass"];
  /** Reshapes the plain config before validation. */
  prepareConfig?: ConfigSchema<TConfig>["prepare"];
  /** `a.b=c` overrides applied after the file (a command line's `--set`). */
  set?: readonly string[];
  /** What config errors call each `set` assignment, by position (the flag it came from); default `--set <key>`. */
  setLabels?: readonly (string | undefined)[];
  /** Environment for `${VAR}` substitution (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Which implementation each protocol uses, from the host's own config keys. `plugins.select` is added. */
  selections?: (loaded: LoadedConfig<TConfig>) => Selections;
  /** The host's own ContainerModules, loaded into the app's container after the registry's bindings. */
  modules?: readonly ContainerModule[];
  /** Replace bindings for this app only (tests, embedding). */
  overrides?: readonly Override[];
  logger?: Logger;
  /** Bypass the manifest cache (also `AIPERF_NO_CACHE=1`). */
  noCache?: boolean;
  /** Where plugins' state files live (default: see `defaultStateDir`). */
  stateDir?: string;
}

function builtinRegistries(option: CreateAppOptions["registry"]): BuiltinRegistry[] {
  if (option === undefined) return [];
  const list = Array.isArray(option) ? option : [option];
  return list.map((r: string | BuiltinRegistry) => (typeof r === "string" ? { file: r } : r));
}

async function discover<T extends KernelConfig>(options: CreateAppOptions<T>, loaded: LoadedConfig<T>, root: string, logger: Logger): Promise<Registry> {
  const noCache = options.noCache ?? process.env.AIPERF_NO_CACHE === "1";
  const registry = await discoverPlugins({
    root,
    // Relative to the config file when there is one, else to the app folder.
    paths: loaded.config.plugins.paths.map((p) => path.resolve(loaded.file ? loaded.baseDir : root, p)),
    disabled: loaded.config.plugins.disabled,
    protocols: options.protocols ?? [],
    builtin: builtinRegistries(options.registry),
    ...(options.manifestField === undefined ? {} : { manifestField: options.manifestField }),
    ...(noCache ? {} : { reader: cachedManifestReader(root) }),
  });
  for (const problem of registry.problems()) {
    const text = `${formatLocation(problem.location)} ${problem.code} ${problem.message}`;
    if (problem.severity === "error") logger.error(`plugin "${problem.plugin ?? "?"}" skipped: ${text}`);
    else logger.warn(text);
  }
  return registry;
}

/**
 * Builds an application: loads config, discovers plugins (manifests only), decides conflicts and
 * binds every implementation lazily. Nothing is imported until something asks for it.
 * @public
 */
export async function createApp<TConfig extends KernelConfig = KernelConfig>(options: CreateAppOptions<TConfig> = {}): Promise<App<TConfig>> {
  const logger = options.logger ?? createConsoleLogger();
  const loaded =
    options.loaded ??
    loadConfig<TConfig>(
      { config: options.config, set: options.set, setLabels: options.setLabels, env: options.env },
      { ...(options.configClass ? { configClass: options.configClass } : {}), ...(options.prepareConfig ? { prepare: options.prepareConfig } : {}) },
    );
  const root = options.root ?? process.cwd();
  const registry = await discover(options, loaded, root, logger);
  const container = new Container(options.parent ? { parent: isolateParent(options.parent) } : {});
  const tracker = new DisposalTracker();
  const overrides = planOverrides(options.overrides ?? [], container, tracker);
  const selections = withPluginSelect(options.selections?.(loaded) ?? emptySelections(), loaded.config.plugins);
  const plan = planSelections(registry, selections, loaded.config.plugins, overrides.names, loaded.locate);
  logPlan(logger, registry, plan);

  container.bind(APP_CONFIG).toConstantValue(loaded.config);
  container.bind(LOADED_CONFIG).toConstantValue(loaded as LoadedConfig);
  container.bind(REGISTRY).toConstantValue(registry);
  container.bind(LOGGER).toConstantValue(logger);
  container.bind(EventBus).toConstantValue(createEventBus(registry, container, loaded.config.plugins.event_timeout_ms, logger));
  const lazyFor = lazyFactory(registry, container, tracker, plan, loaded);
  await bindAll(container, registry, plan, overrides, lazyFor, options.modules ?? []);
  const stateDir = options.stateDir ?? defaultStateDir(root, options.env);
  const enabled = () => enabledPlugins(registry, plan);
  const lifecycles = new PluginLifecycles({ container, registry, logger, plugins: loaded.config.plugins, stateDir, enabled });

  return new App<TConfig>({
    container,
    registry,
    loaded,
    logger,
    root,
    defaults: plan.defaults,
    extraNames: overrides.names,
    resolveEntry: (entry) => lazyFor(entry).resolve(),
    checkConfig: () => checkSelectedConfig(registry, plan, lazyFor),
    configOf: (entry) => lazyFor(entry).config(),
    isSingleton: (protocol, name) => isSingleton(registry, plan, overrides, protocol, name),
    lifecycles,
    dispose: () => disposeApp(lifecycles, tracker, container),
  });
}

/** Plugins clean up first, while everything they use is still alive; then `@preDestroy`, then unbind. */
async function disposeApp(lifecycles: PluginLifecycles, tracker: DisposalTracker, container: Container): Promise<void> {
  let failure: unknown;
  for (const step of [() => lifecycles.stop(), () => tracker.disposeAll()]) {
    try {
      await step();
    } catch (error) {
      failure ??= error;
    }
  }
  await container.unbindAllAsync();
  if (failure) throw failure;
}

/** With a debug logger: what was discovered and what config chose, before anything is imported. */
function logPlan(logger: Logger, registry: Registry, plan: SelectionPlan): void {
  for (const plugin of registry.plugins()) {
    const state = plugin.skipped ? `skipped (${plugin.skipReason ?? "problems"})` : `${plugin.entryCount} implementation(s)`;
    logger.debug(`plugin ${plugin.name} ${plugin.version} [${plugin.origin}] ${plugin.registryFile}: ${state}`);
  }
  for (const [protocol, name] of plan.defaults) {
    logger.debug(`selected ${protocol}: ${name} (${registry.has(protocol, name) ? registry.entry(protocol, name).plugin : "override"})`);
  }
  for (const [protocol, names] of plan.enabled) if (names.length > 0) logger.debug(`enabled ${protocol}: ${names.join(", ")}`);
}

/** One LazyImplementation per (protocol, class) in this app, so aliases share one instance. */
function lazyFactory<T extends KernelConfig>(
  registry: Registry,
  container: Container,
  tracker: DisposalTracker,
  plan: SelectionPlan,
  loaded: LoadedConfig<T>,
): (entry: ImplementationEntry) => LazyImplementation {
  const lazies = new Map<string, LazyImplementation>();
  const context = {
    container,
    track: (c: Container, label: string) => tracker.track(c, label),
    configFor: (entry: ImplementationEntry) => configFor(plan, entry, loaded),
  };
  return (entry) => {
    const key = `${entry.protocol}\u0000${entry.class.modulePath}:${entry.class.exportName}`;
    let lazy = lazies.get(key);
    if (!lazy) {
      lazy = new LazyImplementation(entry, registry.protocol(entry.protocol), context);
      lazies.set(key, lazy);
    }
    return lazy;
  };
}

function configFor<T extends KernelConfig>(plan: SelectionPlan, entry: ImplementationEntry, loaded: LoadedConfig<T>): Promise<unknown> {
  const key = `${entry.protocol}.${entry.name}`;
  const found = plan.blocks.get(key);
  return validateImplementationConfig(entry, found?.block, found?.path ?? ["plugins", "settings", key], loaded.locate);
}

/** Validates the config block of every selected and enabled implementation (imports config classes only). */
async function checkSelectedConfig(registry: Registry, plan: SelectionPlan, lazyFor: (entry: ImplementationEntry) => LazyImplementation): Promise<void> {
  const chosen: [string, string][] = [...plan.defaults];
  for (const [protocol, names] of plan.enabled) for (const name of names) chosen.push([protocol, name]);
  for (const [protocol, name] of chosen) {
    if (registry.has(protocol, name)) await lazyFor(registry.entry(protocol, name)).config();
  }
}

async function bindAll(
  container: Container,
  registry: Registry,
  plan: SelectionPlan,
  overrides: OverridePlan,
  lazyFor: (entry: ImplementationEntry) => LazyImplementation,
  modules: readonly ContainerModule[],
): Promise<void> {
  const resolverFor = (protocol: string, name: string): Resolver => {
    const override = overrides.named.get(`${protocol}\u0000${name}`);
    if (override) return override;
    const lazy = lazyFor(registry.entry(protocol, name));
    return () => lazy.resolve();
  };
  container.load(createRegistryModule({ registry, resolverFor, defaults: plan.defaults, enabled: plan.enabled, defaultOverrides: overrides.defaults }));
  for (const [key, resolve] of overrides.named) {
    const [protocol, name] = key.split("\u0000") as [string, string];
    if (!registry.has(protocol, name)) container.bind(registry.protocol(protocol).token).toDynamicValue(resolve).inTransientScope().whenNamed(name);
  }
  for (const module of modules) await container.loadAsync(module);
  await loadPluginModules(registry, container);
  // Last, so an override beats a binding made by the host's or a plugin's module too.
  for (const o of overrides.others) {
    if (container.isCurrentBound(o.token as never)) await container.unbindAsync(o.token as never);
    const binding = container
      .bind(o.token as never)
      .toDynamicValue(o.resolve as never)
      .inTransientScope();
    if (o.name !== undefined) binding.whenNamed(o.name);
  }
}

/** Normalized names of the plugins providing a selected or enabled implementation. */
function enabledPlugins(registry: Registry, plan: SelectionPlan): Set<string> {
  const keys = new Set<string>();
  const add = (protocol: string, name: string) => {
    if (registry.has(protocol, name)) keys.add(normalizeName(registry.entry(protocol, name).plugin));
  };
  for (const [protocol, name] of plan.defaults) add(protocol, name);
  for (const [protocol, names] of plan.enabled) for (const name of names) add(protocol, name);
  return keys;
}

function isSingleton(registry: Registry, plan: SelectionPlan, overrides: OverridePlan, protocol: string, name: string | undefined): boolean {
  if (name === undefined) {
    if (overrides.defaults.has(protocol)) return true;
    const selected = plan.defaults.get(protocol);
    if (selected === undefined) return false;
    name = selected;
  }
  if (overrides.named.has(`${protocol}\u0000${name}`)) return true;
  return registry.has(protocol, name) && registry.entry(protocol, name).scope === "singleton";
}

export type { LoadedConfig, Registry };
