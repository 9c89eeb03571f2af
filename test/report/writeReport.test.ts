import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { writeReport } from "aiperf";
import { describe, expect, it } from "vitest";
import { scratch } from "../helpers/scratch.js";
import { writeSyntheticRun } from "./syntheticRun.js";

const s = scratch();

/** The chart numbers embedded in a report. */
function dataOf(html: string): {
  runs: { label: string }[];
  charts: Record<
    string,
    { marks?: Record<string, Record<string, number>>; series?: Record<string, { points: number; sum: number }>; curve?: Record<string, unknown>[] }
  >;
} {
  const json = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html)?.[1];
  return JSON.parse(json ?? "null");
}

describe("writeReport", () => {
  it("renders a 100k-request run into an HTML report of a few MB: timelines downsampled, percentiles the export's, every failure on the error timeline", async () => {
    const dir = s.dir("big-run");
    writeSyntheticRun(dir, { requests: 100_000, failEvery: 500 });
    const written = await writeReport([dir], dir);
    const size = statSync(written.html).size;
    expect(size).toBeLessThan(3 * 1024 * 1024);
    for (const svg of written.svgs) expect(statSync(svg).size, svg).toBeLessThan(1024 * 1024);
    const html = readFileSync(written.html, "utf8");
    const data = dataOf(html);
    const label = "concurrency 64";
    expect(data.charts["ttft-distribution"]?.marks?.[label]).toEqual({ p50: 20.5, p90: 24.75, p99: 29.375 });
    expect(data.charts["latency-distribution"]?.marks?.[label]).toEqual({ p50: 58.25, p90: 70.5, p99: 81.125 });
    expect(data.charts["itl-distribution"]?.marks?.[label]).toEqual({ p50: 4.875, p90: 5.5, p99: 6.25 });
    expect(data.charts.errors?.series?.[label]?.sum).toBe(200);
    // One request per ms, 1 in 500 failing: about 998 successful requests in each full one-second window.
    expect(data.charts["requests-per-s"]?.series?.[label]?.points).toBeGreaterThanOrEqual(100);
    expect(data.charts["ttft-timeline"]?.series?.[label]?.points).toBeLessThanOrEqual(800);
    expect(html).toContain("100000");
  });

  it("resolves metrics by their other names and reads aggregates given as `value`, with more percentile fields than it draws", async () => {
    const runs = [4, 16].map((c) => {
      const dir = s.dir(`alias-${c}`);
      writeSyntheticRun(dir, {
        requests: 50,
        config: { endpoint: { type: "openai_chat", url: "http://x:8000", model: "m" }, timing: { strategy: "concurrency", concurrency: c } },
        metrics: [
          { tag: "ttft", unit: "ns", p1: 1, p25: 2, p50: 20_000_000 * c, p75: 3, p90: 25_000_000, p99: 30_000_000 * c },
          { tag: "itl", unit: "ms", p50: 5 + c, p99: 9 + c },
          { tag: "output_token_throughput", unit: "tokens/s", value: 100 * c },
        ],
      });
      return dir;
    });
    const out = s.dir("alias-out");
    const written = await writeReport(runs, out);
    const curve = dataOf(readFileSync(written.html, "utf8")).charts["latency-throughput"]?.curve;
    expect(curve).toEqual([
      { label: "concurrency 4", outputTokensPerS: 400, ttftP50: 80, ttftP99: 120, itlP50: 9, itlP99: 13 },
      { label: "concurrency 16", outputTokensPerS: 1600, ttftP50: 320, ttftP99: 480, itlP50: 21, itlP99: 25 },
    ]);
  });

  it("shows the URL without credentials and never a secret, even from an export edited by hand", async () => {
    const dir = s.dir("secrets");
    const password = "hunter2-pass-91";
    const key = "sk-live-abcdef123456";
    writeSyntheticRun(dir, {
      requests: 20,
      config: {
        endpoint: {
          type: "openai_chat",
          url: `https://user:${password}@llm.example.com/v1?api_key=${key}`,
          model: "m",
          api_key: key,
          headers: { Authorization: `Bearer ${key}` },
        },
        timing: { strategy: "request_rate", rate: 50, arrival: "poisson" },
      },
    });
    const written = await writeReport([dir], dir);
    const html = readFileSync(written.html, "utf8");
    expect(html).not.toContain(password);
    expect(html).not.toContain(key);
    expect(html).toContain("https://llm.example.com/v1");
    expect(html).toContain("request rate 50 req/s (poisson)");
    for (const svg of written.svgs) expect(readFileSync(svg, "utf8")).not.toContain(key);
  });

  it("a folder without an export stands for the run folders inside it, in numeric order", async () => {
    const base = s.dir("sweep-folder");
    for (const c of [16, 2, 4]) {
      writeSyntheticRun(path.join(base, `concurrency_${c}`), {
        requests: 10,
        config: { endpoint: { url: "embedded" }, timing: { strategy: "concurrency", concurrency: c } },
      });
    }
    const written = await writeReport([base], base);
    expect(written.runs.map((d) => path.basename(d))).toEqual(["concurrency_2", "concurrency_4", "concurrency_16"]);
  });
});
