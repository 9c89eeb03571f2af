/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// page.evaluate callbacks run in the browser: they see the DOM, not Node.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../helpers/fixtures.js";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
export const NO_CHROMIUM = "Chromium is not installed at /usr/bin/chromium (.ci/run installs it: apt-get install chromium)";
/** Screenshots are kept here for people to look at (git-ignored). */
export const ARTIFACTS = path.join(repoRoot, "test-artifacts");

/** A report opened in headless Chromium with every network request refused, and what went wrong while loading it. */
export interface OpenedReport {
  page: Page;
  /** Console errors and uncaught page errors. */
  errors: string[];
  /** Requests the page tried to make beyond its own file (all refused). */
  outside: string[];
  close(): Promise<void>;
}

/** Opens `file` offline: only the file itself may load; anything else is recorded and refused. */
export async function openReport(file: string): Promise<OpenedReport> {
  const { chromium } = await import("playwright-core");
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  const errors: string[] = [];
  const outside: string[] = [];
  const self = pathToFileURL(file).href;
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url === self) return route.continue();
    outside.push(url);
    return route.abort();
  });
  await page.goto(self, { waitUntil: "load" });
  return { page, errors, outside, close: () => browser.close() };
}

/** Writes a full-page screenshot under test-artifacts/ and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, name);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** The chart numbers embedded in the report. */
export interface ReportData {
  tool: string;
  runs: { label: string; dir: string }[];
  charts: Record<
    string,
    {
      title: string;
      file: string;
      marks?: Record<string, Record<string, number>>;
      series?: Record<string, { points: number; sum: number }>;
      curve?: { label: string; outputTokensPerS?: number; ttftP50?: number; ttftP99?: number; itlP50?: number; itlP99?: number }[];
    }
  >;
}

export function reportData(page: Page): Promise<ReportData> {
  return page.evaluate(() => JSON.parse(document.getElementById("report-data")?.textContent ?? "null"));
}

/**
 * For each chart on the page: how many of its SVG shapes are data marks (a solid shape in a
 * series colour: axes and grid lines are grey, phase and percentile lines dashed or thin), and
 * its drawn size.
 */
export function drawnMarks(page: Page): Promise<{ id: string; marks: number; width: number; height: number }[]> {
  return page.evaluate(() => {
    const saturated = (color: string | null) => {
      if (!color) return false;
      const hex = /^#([0-9a-f]{6})$/i.exec(color)?.[1];
      const rgb = hex
        ? [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16))
        : (/rgba?\(([^)]*)\)/.exec(color)?.[1]?.split(",").slice(0, 3).map(Number) ?? []);
      return rgb.length === 3 && Math.max(...rgb) - Math.min(...rgb) > 40;
    };
    return [...document.querySelectorAll("figure.chart")].map((figure) => {
      const svg = figure.querySelector("svg");
      const box = svg?.getBoundingClientRect();
      const marks = [...(svg?.querySelectorAll("path") ?? [])].filter(
        (p) =>
          !p.hasAttribute("stroke-dasharray") &&
          p.getAttribute("ecmeta_silent") !== "true" &&
          (saturated(p.getAttribute("stroke")) || saturated(p.getAttribute("fill"))),
      ).length;
      return { id: figure.getAttribute("data-chart") ?? "?", marks, width: box?.width ?? 0, height: box?.height ?? 0 };
    });
  });
}
