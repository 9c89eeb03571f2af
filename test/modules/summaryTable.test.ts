import { consoleStyle, type MetricResult, type ProfileResults } from "aiperf";
import { describe, expect, it } from "vitest";
import { ErrorsExporter } from "../../dist/modules/exporters/ErrorsExporter.js";
import { metricTable } from "../../dist/modules/exporters/metricTable.js";
import { SummaryTableExporter } from "../../dist/modules/exporters/SummaryTableExporter.js";
import { describeLoad } from "../../dist/modules/exporters/summaryHeader.js";

const STATS = { avg: 346.75, min: 334.96, max: 410.95, std: 16.71, p50: 339.76, p90: 365.21, p95: 387.47, p99: 409.48 };
const metric = (header: string, unit: string, scale = 1): MetricResult => ({
  tag: header,
  header,
  unit,
  count: 200,
  ...Object.fromEntries(Object.entries(STATS).map(([k, v]) => [k, v * scale])),
});

function results(config: Record<string, unknown>, extra: Partial<ProfileResults> = {}): ProfileResults {
  return {
    config,
    phases: [
      { phase: "profiling", sent: 200, completed: 200, cancelled: 0, errors: 3, inFlight: 0, sentSessions: 200, startNs: 0, endNs: 8.7e9, timedOut: false },
    ],
    metrics: [
      metric("Request latency", "ms"),
      metric("Time to first token", "ms"),
      metric("Output tokens per request", "tokens"),
      { tag: "tp", header: "Output token throughput", unit: "tokens/s", count: 1, avg: 1469.2 },
    ],
    errors: [],
    hookFailures: {},
    postProcessing: [],
    records: [],
    startedAt: "2025-01-01T00:00:00.000Z",
    durationS: 9.9,
    interrupted: false,
    ...extra,
  } as ProfileResults;
}

const CONFIG = {
  endpoint: { type: "openai_chat", url: "https://bob:hunter22@llm.example.com/v1?api_key=sk-123&region=eu", model: "llama-3-8b", streaming: true },
  timing: { strategy: "concurrency", concurrency: 16 },
};

describe("metricTable", () => {
  const rows = [
    {
      label: "Output tokens per request (tokens)",
      values: { avg: "346.75", min: "334.96", max: "410.95", std: "16.71", p50: "339.76", p90: "365.21", p95: "387.47", p99: "409.48" },
    },
  ];

  it("one table when every stat fits on a row", () => {
    const lines = metricTable(rows, 120);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Metric\s+avg\s+min\s+max\s+p50\s+p90\s+p95\s+p99\s+std$/);
    expect(lines[0]?.length).toBeGreaterThan(80);
  });

  it("two blocks (spread, then percentiles) within 80 columns", () => {
    const lines = metricTable(rows, 80);
    expect(lines).toHaveLength(7);
    expect(lines[0]).toMatch(/^Metric\s+avg\s+min\s+max\s+std$/);
    expect(lines[4]).toMatch(/^Metric\s+p50\s+p90\s+p95\s+p99$/);
    expect(lines[6]).toMatch(/^Output tokens per request \(tokens\)\s+339\.76\s+365\.21\s+387\.47\s+409\.48$/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("narrower still: the groups split further and long labels are cut", () => {
    for (const width of [60, 50, 40]) {
      const lines = metricTable(rows, width);
      for (const line of lines) expect(line.length, `${width}: ${line}`).toBeLessThanOrEqual(width);
      for (const stat of ["avg", "min", "max", "std", "p50", "p90", "p95", "p99"]) expect(lines.join("\n")).toMatch(new RegExp(`\\b${stat}\\b`));
    }
    expect(metricTable(rows, 40).join("\n")).toContain("...");
  });
});

describe("SummaryTableExporter", () => {
  it("starts with what was measured (URL without credentials), fits 80 columns, no escape codes without colour", () => {
    const text = new SummaryTableExporter().render(results(CONFIG), { width: 80, style: consoleStyle(false) });
    const lines = text.trimEnd().split("\n");
    expect(lines.slice(0, 7)).toEqual([
      "Profile results",
      "URL       https://llm.example.com/v1?region=eu",
      "Model     llama-3-8b",
      "Endpoint  openai_chat, streaming",
      "Load      concurrency 16",
      "Duration  8.7 s profiling (whole run 9.9 s)",
      "Requests  200 sent, 200 completed, 3 errors",
    ]);
    expect(text).not.toMatch(/hunter22|sk-123|bob/);
    expect(text).not.toContain("\x1b");
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^Output token throughput \(tokens\/s\)\s+1469$/m);
  });

  it("wraps a long URL or model under the value column; colours only when asked", () => {
    const long = { ...CONFIG, endpoint: { ...CONFIG.endpoint, url: `https://llm.example.com/${"segment/".repeat(12)}v1`, model: "m".repeat(100) } };
    const text = new SummaryTableExporter().render(results(long), { width: 80, style: consoleStyle(false) });
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^ {10}\S+/m);
    expect(new SummaryTableExporter().render(results(CONFIG), { width: 80, style: consoleStyle(true) })).toContain("\x1b[");
  });

  it("says when the run was interrupted or timed out", () => {
    const text = new SummaryTableExporter().render(results(CONFIG, { interrupted: true }));
    expect(text).toMatch(/^Duration {2}8\.7 s profiling \(whole run 9\.9 s\), interrupted$/m);
  });
});

describe("describeLoad", () => {
  it("names each built-in strategy's load", () => {
    expect(describeLoad({ strategy: "concurrency", concurrency: 8 })).toBe("concurrency 8");
    expect(describeLoad({ strategy: "request_rate", rate: 50, arrival: "poisson", max_concurrency: 16 })).toBe(
      "request rate 50 req/s (poisson), at most 16 in flight",
    );
    expect(describeLoad({ strategy: "request_rate", rate: 2.5, arrival: "constant" })).toBe("request rate 2.5 req/s (constant)");
    expect(describeLoad({ strategy: "fixed_schedule", time_scale: 0.5 })).toBe("fixed schedule (trace replay, time x0.5)");
    expect(describeLoad({ strategy: "my_plugin_strategy" })).toBe("my_plugin_strategy");
  });
});

describe("ErrorsExporter", () => {
  it("wraps long messages within the width", () => {
    const text = new ErrorsExporter().render(results(CONFIG, { errors: [{ message: `HTTP 500: ${"upstream failure ".repeat(10)}`, count: 3 }] }));
    expect(text).toMatch(/^Errors \(3\):$/m);
    for (const line of text.split("\n")) expect(line.length, line).toBeLessThanOrEqual(80);
  });
});
