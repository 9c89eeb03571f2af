/**
 * aiperf: the LLM-endpoint profiler built on the kernel, and everything a profiler plugin needs
 * (the kernel's API, the profiler's protocols, model and phase API). Importing it has no side
 * effects beyond loading `reflect-metadata`, which Inversify's decorators need.
 * A service that only wants the framework imports `aiperf/kernel`.
 */
import "reflect-metadata";

export { DatasetInvalidError } from "./kernel/errors/errors.js";
export * from "./kernel/index.js";
export {
  AppConfig,
  DatasetConfig,
  EndpointConfig,
  ImplementationRefConfig,
  MockServerConfig,
  OutputConfig,
  PhaseConfig,
  PhasesConfig,
  ProfilerPluginsConfig,
  ServiceManagerConfig,
  SyntheticDatasetConfig,
  TimingConfig,
  TokenizerConfig,
  TransportConfig,
  UiConfig,
} from "./profiler/config/AppConfig.js";
export { loadProfilerConfig, type ProfilerLoadedConfig } from "./profiler/config/loadProfilerConfig.js";
export { type ConsoleStyle, colorEnabled, consoleStyle, type StyleFormat } from "./profiler/console/consoleStyle.js";
export { LogOutput } from "./profiler/console/LogOutput.js";
export { type CreateProfilerAppOptions, createProfilerApp } from "./profiler/createProfilerApp.js";
export { EndpointError, EndpointErrorCode } from "./profiler/errors/EndpointError.js";
export {
  PhaseComplete,
  type PhaseEventPayload,
  PhaseSendingComplete,
  PhaseStart,
  PhaseTimeout,
  RunEnd,
  type RunEndPayload,
  RunStart,
} from "./profiler/events/profilerEvents.js";
export type { LegacyFactory } from "./profiler/legacy/createLegacyFactory.js";
export * from "./profiler/legacy/factories.js";
export { checkMetricOptions } from "./profiler/metrics/checkMetricOptions.js";
export { evaluateThresholds } from "./profiler/metrics/evaluateThresholds.js";
export { MetricError } from "./profiler/metrics/MetricError.js";
export { MetricErrorCode } from "./profiler/metrics/MetricErrorCode.js";
export { metricColumn } from "./profiler/metrics/metricColumn.js";
export { metricValues } from "./profiler/metrics/metricValues.js";
export { orderMetrics } from "./profiler/metrics/orderMetrics.js";
export { parseThreshold } from "./profiler/metrics/parseThreshold.js";
export type * from "./profiler/metrics/Threshold.js";
export * from "./profiler/model/CreditPhase.js";
export type * from "./profiler/model/LiveStats.js";
export type * from "./profiler/model/MetricResult.js";
export type * from "./profiler/model/PhaseStats.js";
export type * from "./profiler/model/ProcessingResult.js";
export type * from "./profiler/model/ProfileResults.js";
export type * from "./profiler/model/RecordMetricsList.js";
export type * from "./profiler/model/RequestJob.js";
export type * from "./profiler/model/RequestRecord.js";
export type * from "./profiler/model/RequestRecords.js";
export type * from "./profiler/model/TokenizerInfo.js";
export type * from "./profiler/model/Turn.js";
export type * from "./profiler/model/WorkerInfo.js";
export { BasePhaseLifecycleHook } from "./profiler/phases/BasePhaseLifecycleHook.js";
export { PHASE_EVENTS, type PhaseEvent, type PhaseLifecycleHook } from "./profiler/phases/PhaseLifecycleHook.js";
export { type PhaseDriverContext, type PhaseOptions, PhaseOrchestrator, type PhaseOutcome } from "./profiler/phases/PhaseOrchestrator.js";
export { PhaseTracker } from "./profiler/phases/PhaseTracker.js";
export * from "./profiler/protocols/Communication.js";
export * from "./profiler/protocols/CommunicationClient.js";
export * from "./profiler/protocols/ConsoleExporter.js";
export * from "./profiler/protocols/CustomDatasetLoader.js";
export * from "./profiler/protocols/DataExporter.js";
export * from "./profiler/protocols/DatasetComposer.js";
export * from "./profiler/protocols/DatasetSampler.js";
export * from "./profiler/protocols/Endpoint.js";
export * from "./profiler/protocols/Metric.js";
export * from "./profiler/protocols/MockServer.js";
export * from "./profiler/protocols/PhaseHook.js";
export * from "./profiler/protocols/PostProcessor.js";
export * from "./profiler/protocols/RecordProcessor.js";
export * from "./profiler/protocols/RequestRateGenerator.js";
export * from "./profiler/protocols/ResultsProcessor.js";
export * from "./profiler/protocols/Service.js";
export * from "./profiler/protocols/ServiceManager.js";
export * from "./profiler/protocols/TimingStrategy.js";
export * from "./profiler/protocols/Tokenizer.js";
export * from "./profiler/protocols/Transport.js";
export * from "./profiler/protocols/Ui.js";
export * from "./profiler/protocols/ZmqProxy.js";
export { type ReportFiles, writeReport } from "./profiler/report/writeReport.js";
export { applyTokenCounts } from "./profiler/run/applyTokenCounts.js";
export { executeRequest, failedRecord, runRequest } from "./profiler/run/executeRequest.js";
export { JsonBytes } from "./profiler/run/JsonBytes.js";
export { recordsJsonl } from "./profiler/run/recordsJsonl.js";
export { resolveRunTokenizer } from "./profiler/run/resolveRunTokenizer.js";
export { type ProfileRunOptions, type ProfileRunResult, runProfile } from "./profiler/run/runProfile.js";
export { cachedModelIds } from "./profiler/tokenizer/cachedModelIds.js";
export { huggingFaceHubDir } from "./profiler/tokenizer/huggingFaceHubDir.js";
export { type LoadedTokenizer, loadTokenizer, type TokenizerLookup } from "./profiler/tokenizer/loadTokenizer.js";
export { locateTokenizerFile, type TokenizerLocation } from "./profiler/tokenizer/locateTokenizerFile.js";
export { TokenizerError, TokenizerErrorCode } from "./profiler/tokenizer/TokenizerError.js";
// The profiler's names win over the kernel's where both exist: a typed APP_CONFIG.
export { APP_CONFIG, LOG_OUTPUT } from "./profiler/tokens.js";
export { authorizationHeader } from "./profiler/util/authorizationHeader.js";
export { httpHeaderProblem } from "./profiler/util/httpHeaderProblem.js";
export { redactUrl } from "./profiler/util/redactUrl.js";
export { requestHeaders } from "./profiler/util/requestHeaders.js";
export { requestUrl } from "./profiler/util/requestUrl.js";
export { createRng, normal, type Rng } from "./profiler/util/rng.js";
export { PERCENTILES, percentileSorted, type Summary, summarize, summarizeInPlace, summarizeScaledInPlace } from "./profiler/util/stats.js";
export { TwoPassSummary } from "./profiler/util/TwoPassSummary.js";

import { loadProfilerConfig } from "./profiler/config/loadProfilerConfig.js";
import { createProfilerApp } from "./profiler/createProfilerApp.js";
/**
 * @deprecated The profiler's app is `createProfilerApp`; the kernel's `createApp` is in `aiperf/kernel`.
 * @public
 */
export const createApp = createProfilerApp;
/**
 * @deprecated Use `loadProfilerConfig`; the kernel's generic `loadConfig` is in `aiperf/kernel`.
 * @public
 */
export const loadConfig = loadProfilerConfig;
