/**
 * aiperf/kernel: the framework alone, for any TypeScript service. Protocols, registry.yaml
 * parsing and discovery, conflicts, lazy bindings, the app container, generic config loading,
 * errors. It knows no LLM, no phase and no profiler config, and importing it loads no profiler
 * module. Importing it has no side effects beyond loading `reflect-metadata`.
 */
import "reflect-metadata";

/** Inversify's API, re-exported so plugins decorate with the same copy the framework resolves with. */
export {
  Container,
  ContainerModule,
  inject,
  injectable,
  injectFromBase,
  multiInject,
  named,
  optional,
  postConstruct,
  preDestroy,
  type ServiceIdentifier,
  unmanaged,
} from "inversify";

export { App } from "./app/App.js";
export { type CreateAppOptions, createApp } from "./app/createApp.js";
export { createConsoleLogger, type Logger, silentLogger } from "./app/Logger.js";
export type { Override } from "./app/Override.js";
export type { ParentContainer } from "./app/ParentContainer.js";
export type { Selection, Selections } from "./app/Selections.js";
export { APP_CONFIG, LOADED_CONFIG, LOGGER, PLUGIN_CONFIG, PLUGIN_ENTRY, PLUGIN_STATE, REGISTRY } from "./app/tokens.js";
export { entryOf, instanceName } from "./binding/entryOf.js";
export type { ImplementationFactoryContext } from "./binding/LazyImplementation.js";
export { KernelConfig, PluginsConfig } from "./config/KernelConfig.js";
export { type ConfigSchema, type ConfigSource, type LoadedConfig, loadConfig } from "./config/loadConfig.js";
export { collectSecrets, isSecretKey, MASK, maskSecrets, maskUrl, redact } from "./config/maskSecrets.js";
export type { BuiltinRegistry } from "./discovery/findPluginSources.js";
export { AiperfError, formatLocation, type SourceLocation } from "./errors/AiperfError.js";
export { ErrorCode } from "./errors/codes.js";
export {
  ConfigInvalidError,
  type ConfigIssue,
  DisposeError,
  type ImplementationRef,
  PluginLoadFailedError,
  ProtocolMismatchError,
  TypeNotFoundError,
  UnknownProtocolError,
  UsageError,
} from "./errors/errors.js";
export { defineEvent, type EventType } from "./events/defineEvent.js";
export {
  type Disposable,
  type EmitOptions,
  type EmitReport,
  EventBus,
  type EventContext,
  type EventListener,
  type HandlerFailure,
  type OnOptions,
} from "./events/EventBus.js";
export { EventHandler } from "./events/EventHandler.js";
export { EventHandlerMetadata } from "./events/EventHandlerMetadata.js";
export type { HealthCheck, HealthReport, HealthStatus, PluginHealth, PluginLifecycle, StartReport } from "./lifecycle/PluginLifecycle.js";
export type { PluginState } from "./lifecycle/PluginState.js";
export { type Cardinality, defineProtocol, type Protocol, type ProtocolSpec, protocolToken } from "./protocol/defineProtocol.js";
export { Registry } from "./registry/Registry.js";
export type { ConflictRule, ImplementationEntry, PluginDependency, PluginOrigin, PluginRecord, RegistryProblem } from "./registry/types.js";
export { closestName } from "./util/closestName.js";
export { MAX_TIMER_MS } from "./util/maxTimerMs.js";
export { monotonicNs } from "./util/monotonicNs.js";
export { normalizeName } from "./util/normalizeName.js";
export { printable } from "./util/printable.js";
export { removeOnExit } from "./util/removeOnExit.js";
export { unlessDrained } from "./util/unlessDrained.js";
export { validateClass } from "./util/validateClass.js";
export { TimeoutError, withTimeout } from "./util/withTimeout.js";
export { writeFileAtomic } from "./util/writeFileAtomic.js";
export { writeViaTemp } from "./util/writeViaTemp.js";
