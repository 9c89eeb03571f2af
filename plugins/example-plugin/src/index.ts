export { ExampleLifecycle, type ExampleState } from "./ExampleLifecycle.js";
export { ExampleLifecycleConfig } from "./ExampleLifecycleConfig.js";
export { ExampleLoggingConfig } from "./ExampleLoggingConfig.js";
export { ExampleLoggingHook } from "./ExampleLoggingHook.js";
export { ExampleMetricsCollectorConfig } from "./ExampleMetricsCollectorConfig.js";
export { ExampleMetricsCollectorHook, type MetricsFile, type PhaseMetrics } from "./ExampleMetricsCollectorHook.js";
export { ExampleMetricsProcessor } from "./ExampleMetricsProcessor.js";
export { ExampleResultsAggregator } from "./ExampleResultsAggregator.js";
export { TokensPerChunkMetric } from "./TokensPerChunkMetric.js";
