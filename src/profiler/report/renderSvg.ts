import type { ChartSpec } from "./ChartSpec.js";

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 340;

/**
 * Each chart drawn to an SVG string by Apache ECharts' server-side renderer: no browser, no DOM.
 * ECharts is imported here, on first use, so commands that draw nothing never load it.
 */
export async function renderSvgs(charts: readonly ChartSpec[]): Promise<string[]> {
  const echarts = await import("echarts");
  return charts.map((spec) => {
    const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width: CHART_WIDTH, height: CHART_HEIGHT });
    try {
      chart.setOption(spec.option);
      return chart.renderToSVGString();
    } finally {
      chart.dispose();
    }
  });
}
