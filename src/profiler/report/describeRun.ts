import { createHash } from "node:crypto";
import { maskSecrets } from "../../kernel/config/maskSecrets.js";
import { redactUrl } from "../util/redactUrl.js";
import type { RunExport } from "./readRunExport.js";

/** What was measured, as the report's opening table shows it. Secrets are masked, the URL has no credentials. */
export interface RunHeader {
  url: string;
  model: string;
  endpoint: string;
  load: string;
  /** The load in a few words, naming the run on charts: `concurrency 8`, `rate 50 req/s`. */
  loadShort: string;
  startedAt: string;
  durationS?: number;
  profilingS?: number;
  sent: number;
  completed: number;
  errors: number;
  cancelled: number;
  interrupted: boolean;
  timedOut: boolean;
  /** The aiperf version that wrote the export, when it says. */
  producedBy?: string;
  /** A short digest of the (masked) config: equal configs, equal digests. */
  configDigest: string;
  /** The config as exported, masked again here in case the export was edited by hand. */
  config: Record<string, unknown>;
}

type Section = Record<string, unknown>;
const section = (config: Section, key: string): Section => {
  const v = config[key];
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Section) : {};
};
const count = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

/** `concurrency 8`, `request rate 50 req/s (poisson)`, or the strategy's name. */
export function loadLabel(config: Section): string {
  const timing = section(config, "timing");
  const strategy = String(timing.strategy ?? "?");
  if (strategy === "concurrency") return `concurrency ${timing.concurrency ?? "?"}`;
  if (strategy === "request_rate") {
    const cap = timing.max_concurrency == null ? "" : `, at most ${timing.max_concurrency} in flight`;
    return `request rate ${timing.rate ?? "?"} req/s (${timing.arrival ?? "constant"})${cap}`;
  }
  return strategy.replaceAll("_", " ");
}

/** The load's number (concurrency or rate), for ordering runs; undefined for other strategies. */
export function loadValue(config: Section): number | undefined {
  const timing = section(config, "timing");
  const v = timing.strategy === "request_rate" ? timing.rate : timing.concurrency;
  return typeof v === "number" ? v : undefined;
}

function phase(run: RunExport, name: string): Section | undefined {
  return run.phases.find((p) => p.phase === name);
}

/** The profiling phase's length in seconds, when the export has its bounds. */
export function profilingSeconds(run: RunExport): number | undefined {
  const p = phase(run, "profiling");
  return typeof p?.startNs === "number" && typeof p.endNs === "number" ? (p.endNs - p.startNs) / 1e9 : undefined;
}

/** The report's opening facts of one run. */
export function describeRun(run: RunExport): RunHeader {
  const config = maskSecrets(run.config);
  const endpoint = section(config, "endpoint");
  const url = String(endpoint.url ?? "?");
  const profiling = phase(run, "profiling") ?? {};
  const profilingS = profilingSeconds(run);
  return {
    url: url === "embedded" ? "embedded mock server" : redactUrl(url),
    model: String(endpoint.model ?? "?"),
    endpoint: `${endpoint.type ?? "?"}${endpoint.streaming === false ? "" : ", streaming"}`,
    load: loadLabel(config),
    loadShort: loadLabel(config).replace(/^request rate (\S+) req\/s.*$/, "rate $1 req/s"),
    startedAt: run.startedAt ?? "?",
    ...(run.durationS !== undefined ? { durationS: run.durationS } : {}),
    ...(profilingS !== undefined ? { profilingS } : {}),
    sent: count(profiling.sent),
    completed: count(profiling.completed),
    errors: count(profiling.errors),
    cancelled: count(profiling.cancelled),
    interrupted: run.interrupted,
    timedOut: profiling.timedOut === true,
    ...(run.producedBy ? { producedBy: run.producedBy } : {}),
    configDigest: createHash("sha256").update(JSON.stringify(config)).digest("hex").slice(0, 12),
    config,
  };
}
