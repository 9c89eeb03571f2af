/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser: they see the DOM, not Node.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { drawnMarks, hasChromium, NO_CHROMIUM, openReport, reportData, screenshot } from "./browser.js";

const API_KEY = "sk-report-test-4f9a2c71e0";
const HEADER_SECRET = "Bearer hdr-secret-7d1e55aa";
const SHORT = ["--requests", "24", "--set", "phases.warmup.requests=2", "--set", "endpoint.mock.output_tokens=12", "--ui", "none"];

type Metric = { tag: string; p50?: number; p99?: number; avg?: number };
const ALIASES: Record<string, string[]> = {
  ttft: ["time_to_first_token", "ttft"],
  itl: ["inter_token_latency", "itl"],
  latency: ["request_latency", "latency"],
};

function exportOf(dir: string): { metrics: Metric[]; phases: { phase: string; errors: number; completed: number }[] } {
  return JSON.parse(readFileSync(path.join(dir, "profile_export.json"), "utf8"));
}
const metric = (dir: string, role: string) => exportOf(dir).metrics.find((m) => ALIASES[role]?.includes(m.tag));

describe("the HTML report in headless Chromium, offline", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir("report");
  });
  afterAll(() => removeDir(dir));

  it("a run with errors: loads with no console error and no network, every chart drawn, the export's p50/p99 on the charts, errors on the error timeline, no secret in the page", async (ctx) => {
    ctx.skip(!hasChromium, NO_CHROMIUM);
    const out = path.join(dir, "single");
    const run = await runCli([
      "profile",
      ...SHORT,
      "--set",
      "endpoint.mock.error_rate=0.3",
      "--set",
      `endpoint.api_key=${API_KEY}`,
      "-H",
      `Authorization: ${HEADER_SECRET}`,
      "--output",
      out,
      "--plot",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const runDir = path.join(out, readdirSync(out).find((f) => f !== "latest") as string);
    expect(run.stdout).toContain("report.html");
    const html = readFileSync(path.join(runDir, "report.html"), "utf8");
    expect(html).not.toContain(API_KEY);
    expect(html).not.toContain(HEADER_SECRET.slice(7));
    for (const chart of [
      "ttft-distribution",
      "itl-distribution",
      "latency-distribution",
      "ttft-timeline",
      "latency-timeline",
      "output-tokens-per-s",
      "requests-per-s",
      "in-flight",
      "errors",
    ])
      expect(existsSync(path.join(runDir, `${chart}.svg`)), chart).toBe(true);

    const report = await openReport(path.join(runDir, "report.html"));
    try {
      expect(report.errors).toEqual([]);
      expect(report.outside).toEqual([]);
      const charts = await drawnMarks(report.page);
      expect(charts.map((c) => c.id)).toContain("errors");
      for (const c of charts) {
        expect(c.marks, `${c.id} has no drawn marks`).toBeGreaterThan(0);
        expect(c.width * c.height, c.id).toBeGreaterThan(0);
      }
      const data = await reportData(report.page);
      const label = data.runs[0]?.label as string;
      expect(label).toBe("concurrency 8");
      for (const role of ["ttft", "itl", "latency"]) {
        const m = metric(runDir, role);
        const marks = data.charts[`${role}-distribution`]?.marks?.[label];
        expect(marks?.p50, role).toBe(m?.p50);
        expect(marks?.p99, role).toBe(m?.p99);
      }
      const errors = exportOf(runDir).phases.find((p) => p.phase === "profiling")?.errors ?? 0;
      expect(errors).toBeGreaterThan(0);
      expect(data.charts.errors?.series?.[label]?.sum).toBe(errors);
      const text = await report.page.evaluate(() => document.body.innerText);
      expect(text).toContain("What was measured");
      expect(text).toContain("embedded mock server");
      expect(text).toMatch(/24 sent, 24 completed, \d+ errors/);
      expect(text).toContain("mock server error");
      await screenshot(report.page, "report-single-run.png");
    } finally {
      await report.close();
    }
  });

  it("a sweep of three concurrencies: three run folders, each with its report, and a comparison whose curve has three points in order", async (ctx) => {
    ctx.skip(!hasChromium, NO_CHROMIUM);
    const out = path.join(dir, "sweep");
    const run = await runCli(["profile", ...SHORT, "--concurrency", "1,2,4", "--output", out]);
    expect(run.code, run.stderr).toBe(0);
    const folders = ["concurrency_1", "concurrency_2", "concurrency_4"];
    for (const f of folders) {
      expect(existsSync(path.join(out, f, "profile_export.json")), f).toBe(true);
      expect(existsSync(path.join(out, f, "report.html")), f).toBe(true);
    }
    expect(existsSync(path.join(out, "latency-throughput.svg"))).toBe(true);
    const report = await openReport(path.join(out, "report.html"));
    try {
      expect(report.errors).toEqual([]);
      expect(report.outside).toEqual([]);
      for (const c of await drawnMarks(report.page)) expect(c.marks, `${c.id} has no drawn marks`).toBeGreaterThan(0);
      const data = await reportData(report.page);
      const curve = data.charts["latency-throughput"]?.curve ?? [];
      expect(curve.map((p) => p.label)).toEqual(["concurrency 1", "concurrency 2", "concurrency 4"]);
      folders.forEach((f, i) => {
        const ttft = metric(path.join(out, f), "ttft");
        const itl = metric(path.join(out, f), "itl");
        expect(curve[i]?.ttftP50).toBe(ttft?.p50);
        expect(curve[i]?.ttftP99).toBe(ttft?.p99);
        expect(curve[i]?.itlP50).toBe(itl?.p50);
        expect(curve[i]?.itlP99).toBe(itl?.p99);
        expect(curve[i]?.outputTokensPerS).toBeGreaterThan(0);
      });
      // The overlays carry every run.
      expect(Object.keys(data.charts["ttft-distribution"]?.marks ?? {})).toEqual(["concurrency 1", "concurrency 2", "concurrency 4"]);
      await screenshot(report.page, "report-sweep.png");
    } finally {
      await report.close();
    }
  });
});
