import "reflect-metadata";
import path from "node:path";
import { Container } from "inversify";
import { computeSelections, type Selection } from "../../profiler/config/selections.js";
import { PhaseOrchestrator } from "../../profiler/phases/PhaseOrchestrator.js";
import { createRegistryModule, type Resolver } from "../binding/createRegistryModule.js";
import { validateImplementationConfig } from "../binding/implementationConfig.js";
import { LazyImplementation } from "../binding/LazyImplementation.js";
import { loadPluginModules } from "../binding/loadPluginModules.js";
import { type LoadedConfig, loadConfig } from "../config/loadConfig.js";
import { discoverPlugins } from "../discovery/discoverPlugins.js";
import { cachedManifestReader } from "../discovery/manifestCache.js";
import { formatLocation } from "../errors/AiperfError.js";
import { TypeNotFoundError } from "../errors/errors.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import type { Registry } from "../registry/Registry.js";
import type { ImplementationEntry } from "../registry/types.js";
import { normalizeName } from "../util/normalizeName.js";
import { App } from "./App.js";
import { DisposalTracker } from "./DisposalTracker.js";
import { isolateParent } from "./isolateParent.js";
import { createConsoleLogger, type Logger } from "./Logger.js";
import type { Override } from "./Override.js";
import type { ParentContainer } from "./ParentContainer.js";
import { APP_CONFIG, LOGGER, REGISTRY } from "./tokens.js";

/** Options of `createApp` (DESIGN §7). */
export interface CreateAppOptions {
  /** A YAML config file, or a config object. Omitted: all defaults. */
  config?: string | Record<string, unknown>;
  /** `a.b=c` overrides applied after the file (the CLI's `--set`). */
  set?: readonly string[];
  /** Environment for `${VAR}` substitution (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** The application folder: its package.json dependencies and plugins/ are discovered. Default: cwd. */
  root?: string;
  /**
   * The host's container (any inversify 8 copy): plugins can inject host services, each resolved
   * by the host itself; the host never sees the app's bindings or overrides.
   */
  parent?: ParentContainer;
  logger?: Logger;
  /** Read the built-in registry (default true). */
  builtin?: boolean;
  /** Replace bindings for this app only (see `aiperf/testing`). */
  overrides?: readonly Override[];
  /** Bypass the manifest cache (also `AIPERF_NO_CACHE=1`). */
  noCache?: boolean;
  /** Whether output goes to a terminal (decides `ui: auto`). Default: `process.stdout.isTTY`. */
  isTTY?: boolean;
}

function isProtocolToken(o: Override): o is Override & { token: Protocol } {
  return typeof o.token === "object" && o.token !== null && "cardinality" in o.token;
}

/**
 * Builds an application: loads config, discovers plugins (manifests only), decides conflicts and
 * binds every implementation lazily. Nothing is imported until something asks for it.
 */
export async function createApp(options: CreateAppOptions = {}): Promise<App> {
  const logger = options.logger ?? createConsoleLogger();
  const loaded = loadConfig({ config: options.config, set: options.set, env: options.env });
  const root = options.root ?? process.cwd();
  const noCache = options.noCache ?? process.env.AIPERF_NO_CACHE === "1";
  const registry = await discoverPlugins({
    root,
    // Relative to the config file when there is one, else to the app folder.
    paths: loaded.config.plugins.paths.map((p) => path.resolve(loaded.file ? loaded.baseDir : root, p)),
    disabled: loaded.config.plugins.disabled,
    ...(options.builtin === undefined ? {} : { builtin: options.builtin }),
    ...(noCache ? {} : { reader: cachedManifestReader(root) }),
  });
  for (const problem of registry.problems()) {
    const text = `${formatLocation(problem.location)} ${problem.code} ${problem.message}`;
    if (problem.severity === "error") logger.error(`plugin "${problem.plugin ?? "?"}" skipped: ${text}`);
    else logger.warn(text);
  }

  const selections = computeSelections(loaded, options.isTTY ?? Boolean(process.stdout.isTTY));
  const defaults = new Map<string, string>();
  const enabled = new Map<string, string[]>();
  const configBlocks = new Map<string, { block: Record<string, unknown> | undefined; path: (string | number)[] }>();
  const overrideNames = new Map<string, Set<string>>();
  for (const o of options.overrides ?? []) {
    if (isProtocolToken(o) && o.name !== undefined) {
      const set = overrideNames.get(o.token.name) ?? new Set<string>();
      set.add(normalizeName(o.name));
      overrideNames.set(o.token.name, set);
    }
  }
  const known = (protocol: string, name: string) => registry.has(protocol, name) || (overrideNames.get(protocol)?.has(name) ?? false);
  const check = (protocol: string, sel: Selection): boolean => {
    if (known(protocol, sel.name)) return true;
    if (!sel.explicit) return false;
    const location = loaded.locate(sel.path);
    throw new TypeNotFoundError(
      protocol,
      sel.name,
      registry.winners(protocol).map((e) => e.name),
      location,
    );
  };
  for (const [protocolName, sel] of selections.one) {
    const protocol = registry.protocol(protocolName);
    if (protocol.cardinality !== "one") continue;
    if (check(protocol.name, sel)) defaults.set(protocol.name, sel.name);
  }
  for (const protocol of registry.protocols()) {
    if (protocol.cardinality !== "many") continue;
    const names: string[] = [];
    for (const sel of selections.many.get(protocol.name) ?? []) {
      if (!check(protocol.name, sel) || names.includes(sel.name)) continue;
      names.push(sel.name);
      configBlocks.set(`${protocol.name}.${sel.name}`, { block: sel.config, path: [...sel.path, "config"] });
    }
    for (const entry of registry.winners(protocol.name)) {
      if (entry.autoLoad && !names.includes(entry.name)) names.push(entry.name);
    }
    enabled.set(protocol.name, names);
  }
  for (const [key, block] of Object.entries(loaded.config.plugins.settings)) {
    const normalized = key.split(".").map(normalizeName).join(".");
    if (!configBlocks.has(normalized)) configBlocks.set(normalized, { block, path: ["plugins", "settings", key] });
  }

  const container = new Container(options.parent ? { parent: isolateParent(options.parent) } : {});
  container.bind(APP_CONFIG).toConstantValue(loaded.config);
  container.bind(REGISTRY).toConstantValue(registry);
  container.bind(LOGGER).toConstantValue(logger);
  container.bind(PhaseOrchestrator).toSelf().inTransientScope();
  const tracker = new DisposalTracker();

  const lazies = new Map<string, LazyImplementation>();
  const context = {
    container,
    track: (c: Container, label: string) => tracker.track(c, label),
    configFor: (entry: ImplementationEntry) => {
      const key = `${entry.protocol}.${entry.name}`;
      const found = configBlocks.get(key);
      return validateImplementationConfig(entry, found?.block, found?.path ?? ["plugins", "settings", key], loaded.locate);
    },
  };
  const lazyFor = (entry: ImplementationEntry): LazyImplementation => {
    const key = `${entry.protocol}\u0000${entry.class.modulePath}:${entry.class.exportName}`;
    let lazy = lazies.get(key);
    if (!lazy) {
      lazy = new LazyImplementation(entry, registry.protocol(entry.protocol), context);
      lazies.set(key, lazy);
    }
    return lazy;
  };

  const namedOverrides = new Map<string, Resolver>();
  const defaultOverrides = new Map<string, Resolver>();
  const otherOverrides: { token: Override["token"]; name?: string; resolve: Resolver }[] = [];
  for (const o of options.overrides ?? []) {
    const resolve = overrideResolver(o, container, tracker);
    if (isProtocolToken(o)) {
      if (o.name === undefined) defaultOverrides.set(o.token.name, resolve);
      else namedOverrides.set(`${o.token.name}\u0000${normalizeName(o.name)}`, resolve);
    } else {
      otherOverrides.push({ token: o.token, ...(o.name === undefined ? {} : { name: o.name }), resolve });
    }
  }
  const resolverFor = (protocol: string, name: string): Resolver => {
    const override = namedOverrides.get(`${protocol}\u0000${name}`);
    if (override) return override;
    const lazy = lazyFor(registry.entry(protocol, name));
    return () => lazy.resolve();
  };

  container.load(createRegistryModule({ registry, resolverFor, defaults, enabled, defaultOverrides }));
  for (const [key, resolve] of namedOverrides) {
    const [protocol, name] = key.split("\u0000") as [string, string];
    if (!registry.has(protocol, name)) container.bind(registry.protocol(protocol).token).toDynamicValue(resolve).inTransientScope().whenNamed(name);
  }
  for (const o of otherOverrides) {
    if (container.isCurrentBound(o.token as never)) await container.unbindAsync(o.token as never);
    const binding = container
      .bind(o.token as never)
      .toDynamicValue(o.resolve as never)
      .inTransientScope();
    if (o.name !== undefined) binding.whenNamed(o.name);
  }
  await loadPluginModules(registry, container);

  return new App({
    container,
    registry,
    loaded,
    logger,
    root,
    defaults,
    extraNames: overrideNames,
    resolveEntry: (entry) => lazyFor(entry).resolve(),
    isSingleton: (protocol, name) => {
      if (name === undefined) {
        if (defaultOverrides.has(protocol)) return true;
        const selected = defaults.get(protocol);
        if (selected === undefined) return false;
        name = selected;
      }
      if (namedOverrides.has(`${protocol}\u0000${name}`)) return true;
      return registry.has(protocol, name) && registry.entry(protocol, name).scope === "singleton";
    },
    dispose: async () => {
      let failure: unknown;
      try {
        await tracker.disposeAll();
      } catch (error) {
        failure = error;
      }
      await container.unbindAllAsync();
      if (failure) throw failure;
    },
  });
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

export type { LoadedConfig, Registry };
