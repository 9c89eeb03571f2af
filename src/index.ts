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

export { App } from "./kernel/app/App.js";
export { type CreateAppOptions, createApp } from "./kernel/app/createApp.js";
export { createConsoleLogger, type Logger, silentLogger } from "./kernel/app/Logger.js";
export type { Override } from "./kernel/app/Override.js";
export type { ParentContainer } from "./kernel/app/ParentContainer.js";
export { APP_CONFIG, LOGGER, PLUGIN_CONFIG, PLUGIN_ENTRY, REGISTRY } from "./kernel/app/tokens.js";
export { entryOf, instanceName } from "./kernel/binding/entryOf.js";
export type { ImplementationFactoryContext } from "./kernel/binding/LazyImplementation.js";
export { type ConfigSource, type LoadedConfig, loadConfig } from "./kernel/config/loadConfig.js";
export { collectSecrets, isSecretKey, MASK, maskSecrets, redact } from "./kernel/config/maskSecrets.js";
export { type DiscoveryOptions, discoverPlugins } from "./kernel/discovery/discoverPlugins.js";
export { frameworkPackage } from "./kernel/discovery/frameworkRoot.js";
export { cachedManifestReader, type ManifestReader, manifestCachePath, plainManifestReader } from "./kernel/discovery/manifestCache.js";
export { AiperfError, formatLocation, type SourceLocation } from "./kernel/errors/AiperfError.js";
export { ErrorCode } from "./kernel/errors/codes.js";
export * from "./kernel/errors/errors.js";
export { type Cardinality, defineProtocol, type Protocol, type ProtocolSpec, protocolToken } from "./kernel/protocol/defineProtocol.js";
export { parseRegistry } from "./kernel/registry/parseRegistry.js";
export { Registry } from "./kernel/registry/Registry.js";
export * from "./kernel/registry/RegistrySchema.js";
export type * from "./kernel/registry/types.js";
export { closestName } from "./kernel/util/closestName.js";
export { monotonicNs } from "./kernel/util/monotonicNs.js";
export { normalizeName } from "./kernel/util/normalizeName.js";
export { validateClass } from "./kernel/util/validateClass.js";
export { writeFileAtomic } from "./kernel/util/writeFileAtomic.js";
export * from "./profiler/config/AppConfig.js";
export type { LegacyFactory } from "./profiler/legacy/createLegacyFactory.js";
export * from "./profiler/legacy/factories.js";
export * from "./profiler/model/CreditPhase.js";
export type * from "./profiler/model/MetricResult.js";
export type * from "./profiler/model/PhaseStats.js";
export type * from "./profiler/model/ProcessingResult.js";
export type * from "./profiler/model/ProfileResults.js";
export type * from "./profiler/model/RequestJob.js";
export type * from "./profiler/model/RequestRecord.js";
export type * from "./profiler/model/Turn.js";
export { BasePhaseLifecycleHook } from "./profiler/phases/BasePhaseLifecycleHook.js";
export { PHASE_EVENTS, type PhaseEvent, type PhaseLifecycleHook } from "./profiler/phases/PhaseLifecycleHook.js";
export { type PhaseDriverContext, type PhaseOptions, PhaseOrchestrator, type PhaseOutcome } from "./profiler/phases/PhaseOrchestrator.js";
export { PhaseTracker } from "./profiler/phases/PhaseTracker.js";
export { TimeoutError, withTimeout } from "./profiler/phases/withTimeout.js";
export { BUILTIN_PROTOCOLS } from "./profiler/protocols/builtinProtocols.js";
export * from "./profiler/protocols/Communication.js";
export * from "./profiler/protocols/CommunicationClient.js";
export * from "./profiler/protocols/ConsoleExporter.js";
export * from "./profiler/protocols/CustomDatasetLoader.js";
export * from "./profiler/protocols/DataExporter.js";
export * from "./profiler/protocols/DatasetComposer.js";
export * from "./profiler/protocols/DatasetSampler.js";
export * from "./profiler/protocols/Endpoint.js";
export * from "./profiler/protocols/MockServer.js";
export * from "./profiler/protocols/PhaseHook.js";
export * from "./profiler/protocols/PostProcessor.js";
export * from "./profiler/protocols/RecordProcessor.js";
export * from "./profiler/protocols/RequestRateGenerator.js";
export * from "./profiler/protocols/ResultsProcessor.js";
export * from "./profiler/protocols/Service.js";
export * from "./profiler/protocols/ServiceManager.js";
export * from "./profiler/protocols/TimingStrategy.js";
export * from "./profiler/protocols/Transport.js";
export * from "./profiler/protocols/Ui.js";
export * from "./profiler/protocols/ZmqProxy.js";
export { executeRequest, failedRecord } from "./profiler/run/executeRequest.js";
export { PhaseSender, type SenderBounds, type SenderDeps } from "./profiler/run/PhaseSender.js";
export { type ProfileRunOptions, type ProfileRunResult, runProfile } from "./profiler/run/runProfile.js";
export { buildConfigSchema, buildRegistrySchema } from "./profiler/schema/buildSchemas.js";
export { createRng, normal, type Rng } from "./profiler/util/rng.js";
export { percentileSorted, type Summary, summarize } from "./profiler/util/stats.js";
