export { ExampleLoggingConfig } from "./ExampleLoggingConfig.js";
export { ExampleLoggingHook } from "./ExampleLoggingHook.js";
export { ExampleMetricsCollectorConfig } from "./ExampleMetricsCollectorConfig.js";
export { ExampleMetricsCollectorHook, type MetricsFile, type PhaseMetrics } from "./ExampleMetricsCollectorHook.js";
export { ExampleMetricsProcessor } from "./ExampleMetricsProcessor.js";
export { ExampleResultsAggregator } from "./ExampleResultsAggregator.js";
export { ExamplePhaseLogged, type PhaseLoggedPayload } from "./exampleEvents.js";
export { PhaseCompleteCounter } from "./PhaseCompleteCounter.js";
export { TokensPerChunkMetric } from "./TokensPerChunkMetric.js";
