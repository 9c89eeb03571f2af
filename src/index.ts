/**
 * aiperf: a dependency-injection plugin framework on InversifyJS 8, and the LLM-endpoint
 * profiler built with it. Importing this module has no side effects beyond loading
 * `reflect-metadata`, which Inversify's decorators need.
 */
import "reflect-metadata";

/** Inversify's API, re-exported so plugins decorate with the same copy the framework resolves with. */
export {
  Container,
  ContainerModule,
  inject,
  injectable,
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
export { APP_CONFIG, LOGGER, PLUGIN_CONFIG, PLUGIN_ENTRY, REGISTRY } from "./app/tokens.js";
export { entryOf, instanceName } from "./binding/entryOf.js";
export type { ImplementationFactoryContext } from "./binding/LazyImplementation.js";
export * from "./config/AppConfig.js";
export { type ConfigSource, type LoadedConfig, loadConfig } from "./config/loadConfig.js";
export { collectSecrets, isSecretKey, MASK, maskSecrets, redact } from "./config/maskSecrets.js";
export { type DiscoveryOptions, discoverPlugins } from "./discovery/discoverPlugins.js";
export { frameworkPackage } from "./discovery/frameworkRoot.js";
export { cachedManifestReader, type ManifestReader, manifestCachePath, plainManifestReader } from "./discovery/manifestCache.js";
export { AiperfError, formatLocation, type SourceLocation } from "./errors/AiperfError.js";
export { ErrorCode } from "./errors/codes.js";
export * from "./errors/errors.js";
export type { LegacyFactory } from "./legacy/createLegacyFactory.js";
export * from "./legacy/factories.js";
export * from "./model/CreditPhase.js";
export type * from "./model/MetricResult.js";
export type * from "./model/PhaseStats.js";
export type * from "./model/ProcessingResult.js";
export type * from "./model/ProfileResults.js";
export type * from "./model/RequestJob.js";
export type * from "./model/RequestRecord.js";
export type * from "./model/Turn.js";
export { BasePhaseLifecycleHook } from "./phases/BasePhaseLifecycleHook.js";
export { PHASE_EVENTS, type PhaseEvent, type PhaseLifecycleHook } from "./phases/PhaseLifecycleHook.js";
export { type PhaseDriverContext, type PhaseOptions, PhaseOrchestrator, type PhaseOutcome } from "./phases/PhaseOrchestrator.js";
export { PhaseTracker } from "./phases/PhaseTracker.js";
export { TimeoutError, withTimeout } from "./phases/withTimeout.js";
export { executeRequest, failedRecord } from "./profile/executeRequest.js";
export { PhaseSender, type SenderBounds, type SenderDeps } from "./profile/PhaseSender.js";
export { type ProfileRunOptions, type ProfileRunResult, runProfile } from "./profile/runProfile.js";
export { BUILTIN_PROTOCOLS } from "./protocols/builtinProtocols.js";
export * from "./protocols/Communication.js";
export * from "./protocols/CommunicationClient.js";
export * from "./protocols/ConsoleExporter.js";
export * from "./protocols/CustomDatasetLoader.js";
export * from "./protocols/DataExporter.js";
export * from "./protocols/DatasetComposer.js";
export * from "./protocols/DatasetSampler.js";
export { type Cardinality, defineProtocol, type Protocol, type ProtocolSpec, protocolToken } from "./protocols/defineProtocol.js";
export * from "./protocols/Endpoint.js";
export * from "./protocols/MockServer.js";
export * from "./protocols/PhaseHook.js";
export * from "./protocols/PostProcessor.js";
export * from "./protocols/RecordProcessor.js";
export * from "./protocols/RequestRateGenerator.js";
export * from "./protocols/ResultsProcessor.js";
export * from "./protocols/Service.js";
export * from "./protocols/ServiceManager.js";
export * from "./protocols/TimingStrategy.js";
export * from "./protocols/Transport.js";
export * from "./protocols/Ui.js";
export * from "./protocols/ZmqProxy.js";
export { parseRegistry } from "./registry/parseRegistry.js";
export { Registry } from "./registry/Registry.js";
export * from "./registry/RegistrySchema.js";
export type * from "./registry/types.js";
export { buildConfigSchema, buildRegistrySchema } from "./schema/buildSchemas.js";
export { closestName } from "./util/closestName.js";
export { monotonicNs } from "./util/monotonicNs.js";
export { normalizeName } from "./util/normalizeName.js";
export { createRng, normal, type Rng } from "./util/rng.js";
export { percentileSorted, type Summary, summarize } from "./util/stats.js";
export { validateClass } from "./util/validateClass.js";
export { writeFileAtomic } from "./util/writeFileAtomic.js";
