import { readFile } from "node:fs/promises";
import path from "node:path";
import { AiperfError } from "../../kernel/errors/AiperfError.js";
import { ErrorCode } from "../../kernel/errors/codes.js";
import { METRIC_ALIASES, type MetricRole } from "./metricTags.js";

/** The export fields the report reads, each one checked: the export grows while the report stays. */
export interface RunExport {
  config: Record<string, unknown>;
  metrics: Record<string, unknown>[];
  phases: Record<string, unknown>[];
  errors: { message: string; count: number }[];
  startedAt?: string;
  durationS?: number;
  interrupted: boolean;
  /** The version of aiperf that wrote the export, when it says. */
  producedBy?: string;
}

/** One metric's summary as the export gives it; times in ms. */
export interface MetricSummary {
  tag: string;
  unit: string;
  p50?: number;
  p90?: number;
  p99?: number;
  /** The aggregate's value (or the average of a per-request metric). */
  value?: number;
}

export const EXPORT_FILE = "profile_export.json";

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? v.filter(isRecord) : []);
const num = (v: unknown): number | undefined => (typeof v === "number" && Number.isFinite(v) ? v : undefined);

/** Reads `profile_export.json` of a run folder; a missing or unreadable file is a usage error naming it. */
export async function readRunExport(dir: string): Promise<RunExport> {
  const file = path.join(dir, EXPORT_FILE);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "not found" : "not a JSON export";
    throw new AiperfError(ErrorCode.Usage, `${file}: ${why}. A run folder is what \`aiperf profile\` writes (it holds ${EXPORT_FILE}).`, { cause: error });
  }
  if (!isRecord(parsed)) throw new AiperfError(ErrorCode.Usage, `${file}: not a profile export (expected a JSON object)`);
  const producedBy = [parsed.aiperf_version, parsed.version, isRecord(parsed.tool) ? parsed.tool.version : undefined].find((v) => typeof v === "string");
  return {
    config: isRecord(parsed.config) ? parsed.config : {},
    metrics: records(parsed.metrics),
    phases: records(parsed.phases),
    errors: records(parsed.errors).map((e) => ({ message: String(e.message ?? "?"), count: num(e.count) ?? 0 })),
    ...(typeof parsed.startedAt === "string" ? { startedAt: parsed.startedAt } : {}),
    ...(num(parsed.durationS) !== undefined ? { durationS: num(parsed.durationS) as number } : {}),
    interrupted: parsed.interrupted === true,
    ...(typeof producedBy === "string" ? { producedBy } : {}),
  };
}

/** Multiplier from a unit to ms (latencies), 1 for anything else. */
function toMs(unit: string): number {
  return ({ ns: 1e-6, us: 1e-3, µs: 1e-3, s: 1e3, sec: 1e3 } as Record<string, number>)[unit] ?? 1;
}

/** The export's summary of a role (by its first tag found), taken as written: never recomputed. */
export function metricOf(run: RunExport, role: MetricRole): MetricSummary | undefined {
  for (const tag of METRIC_ALIASES[role]) {
    const m = run.metrics.find((x) => x.tag === tag);
    if (!m) continue;
    const unit = typeof m.unit === "string" ? m.unit : "";
    const scale = role === "ttft" || role === "itl" || role === "latency" ? toMs(unit) : 1;
    const at = (key: string) => {
      const v = num(m[key]);
      return v === undefined ? undefined : v * scale;
    };
    const value = at("value") ?? at("avg");
    const out: MetricSummary = { tag, unit: scale === 1 ? unit : "ms" };
    for (const key of ["p50", "p90", "p99"] as const) {
      const v = at(key);
      if (v !== undefined) out[key] = v;
    }
    if (value !== undefined) out.value = value;
    return out;
  }
  return undefined;
}
