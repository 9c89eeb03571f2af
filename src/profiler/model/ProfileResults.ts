import type { HealthReport } from "../../kernel/lifecycle/PluginLifecycle.js";
import type { ThresholdResult } from "../metrics/Threshold.js";
import type { MetricResult } from "./MetricResult.js";
import type { PhaseStats } from "./PhaseStats.js";
import type { ProcessingResult } from "./ProcessingResult.js";
import type { RequestRecords } from "./RequestRecords.js";
import type { TokenizerInfo } from "./TokenizerInfo.js";

/**
 * Everything a run measured, handed to exporters.
 * @public
 */
export interface ProfileResults {
  /** The run's config with secrets masked. */
  config: Record<string, unknown>;
  phases: PhaseStats[];
  /** Metrics of the profiling phase (warm-up is excluded). */
  metrics: MetricResult[];
  /** Error messages of the profiling phase, grouped. */
  errors: { message: string; count: number; example?: string }[];
  hookFailures: Record<string, number>;
  /** Each `--threshold` with its measured value and whether it passed (absent without thresholds). */
  thresholds?: ThresholdResult[];
  /** The app's plugin health after each phase (`app.health()`), in order. */
  health?: PhaseHealth[];
  postProcessing: ProcessingResult[];
  /** Records of the profiling phase, built one at a time as they are read (stream them: `for … of`). */
  records: RequestRecords;

  /** Connections opened before the first request (`endpoint.prewarm`), how long opening the request side took, and its connection budget. */
  connectionSetup?: RunConnections;
  startedAt: string;
  durationS: number;
  interrupted: boolean;
  /** The tokenizer the run counted with (null name: none resolved) and the token-count policy. */
  tokenizer?: TokenizerInfo;
}

/**
 * A run's request side: connections opened and warmed before the first request (`connections`:
 * how many were asked for; one whose warm-up the server does not answer is dropped again; with
 * `prewarm` false when `endpoint.prewarm` is off), the time to open it (`ms`), and the most
 * connections it opens (`maxConnections`: the strategy's in-flight bound, or
 * `endpoint.max_connections` for an open loop, `openLoop`).
 * @public
 */
export interface RunConnections {
  connections: number;
  ms: number;
  prewarm: boolean;
  maxConnections?: number;
  openLoop?: boolean;
}

/**
 * The plugins' health (`app.health()`) as checked after a phase.
 * @public
 */
export type PhaseHealth = { after: string } & HealthReport;
