import type { ChartData, ChartSpec } from "./ChartSpec.js";
import type { RunData } from "./loadRun.js";

const esc = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/** JSON safe inside a script element: `<` never appears, so no `</script>` can end it early. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");
const seconds = (s: number | undefined) => (s === undefined ? "-" : `${s.toFixed(1)} s`);

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 24px auto; max-width: 1000px; color: #222; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; } h2 { font-size: 17px; margin-top: 32px; }
table { border-collapse: collapse; margin: 8px 0; } th, td { text-align: left; padding: 3px 12px 3px 0; vertical-align: top; }
th { font-weight: 600; color: #444; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
figure.chart { margin: 20px 0; } figure.chart svg { max-width: 100%; height: auto; border: 1px solid #e4e4e4; }
figcaption { color: #555; font-size: 12.5px; } .warn { color: #a15c00; } .bad { color: #b00020; }
pre { background: #f6f6f6; padding: 8px; overflow-x: auto; font-size: 12px; } .muted { color: #666; }
`;

/** The table that opens the report: what was measured, one column per run. */
function measuredTable(runs: readonly RunData[], labels: readonly string[]): string {
  const row = (name: string, cell: (r: RunData) => string) => `<tr><th>${esc(name)}</th>${runs.map((r) => `<td>${cell(r)}</td>`).join("")}</tr>`;
  const h = (r: RunData) => r.header;
  const status = (r: RunData) =>
    r.header.interrupted ? ' <span class="warn">interrupted</span>' : r.header.timedOut ? ' <span class="warn">timed out</span>' : "";
  const errors = (r: RunData) => (h(r).errors > 0 ? `<span class="bad">${h(r).errors} errors</span>` : "0 errors");
  return `<table class="measured">
<tr><th></th>${labels.map((l) => `<th>${esc(l)}</th>`).join("")}</tr>
${row("URL", (r) => esc(h(r).url))}
${row("Model", (r) => esc(h(r).model))}
${row("Endpoint", (r) => esc(h(r).endpoint))}
${row("Load", (r) => esc(h(r).load))}
${row("Started", (r) => esc(h(r).startedAt))}
${row("Duration", (r) => `${seconds(h(r).profilingS)} profiling (whole run ${seconds(h(r).durationS)})${status(r)}`)}
${row("Requests", (r) => `${h(r).sent} sent, ${h(r).completed} completed, ${errors(r)}${h(r).cancelled > 0 ? `, ${h(r).cancelled} cancelled` : ""}`)}
${row("Records", (r) => (r.records === undefined ? '<span class="warn">no profile_records.jsonl: timelines and distributions are empty</span>' : `${r.records}${r.skippedLines > 0 ? ` <span class="warn">(${r.skippedLines} unreadable lines skipped)</span>` : ""}`))}
${row("Written by", (r) => esc(h(r).producedBy ? `aiperf ${h(r).producedBy}` : "aiperf (version not in the export)"))}
${row("Config", (r) => `sha256 ${esc(h(r).configDigest)}`)}
${row("Folder", (r) => esc(r.dir))}
</table>`;
}

function errorList(runs: readonly RunData[], labels: readonly string[]): string {
  const blocks = runs
    .map((r, i) =>
      r.errors.length === 0
        ? ""
        : `<h3>${esc(labels[i] as string)}</h3><table>${r.errors.map((e) => `<tr><td class="num">${e.count}</td><td>${esc(e.message)}</td></tr>`).join("")}</table>`,
    )
    .filter(Boolean);
  return blocks.length === 0 ? "" : `<h2>Errors</h2>${blocks.join("\n")}`;
}

function configBlocks(runs: readonly RunData[], labels: readonly string[]): string {
  return runs
    .map(
      (r, i) =>
        `<details><summary>Config of ${esc(labels[i] as string)} (secrets masked)</summary><pre>${esc(JSON.stringify(r.header.config, null, 2))}</pre></details>`,
    )
    .join("\n");
}

/**
 * The whole report as one HTML file: styles, SVG charts and the charts' numbers inline, nothing
 * loaded from anywhere when it is viewed.
 */
export function reportHtml(runs: readonly RunData[], labels: readonly string[], charts: readonly ChartSpec[], svgs: readonly string[], tool: string): string {
  const title = runs.length === 1 ? `aiperf report: ${labels[0]}` : `aiperf comparison: ${runs.length} runs`;
  const data: { tool: string; runs: { label: string; dir: string }[]; charts: Record<string, ChartData & { title: string; file: string }> } = {
    tool,
    runs: runs.map((r, i) => ({ label: labels[i] as string, dir: r.dir })),
    charts: {},
  };
  const figures = charts.map((c, i) => {
    data.charts[c.id] = { title: c.title, file: `${c.id}.svg`, ...c.data };
    return `<figure class="chart" id="chart-${esc(c.id)}" data-chart="${esc(c.id)}">\n${svgs[i]}\n<figcaption>${esc(c.note)}</figcaption>\n</figure>`;
  });
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head><body>
<h1>${esc(title)}</h1>
<p class="muted">Report by ${esc(tool)}. Percentiles are the exports' own; timelines keep each time slice's fastest and slowest request.</p>
<h2>What was measured</h2>
${measuredTable(runs, labels)}
<h2>Charts</h2>
${figures.join("\n")}
${errorList(runs, labels)}
<h2>Configuration</h2>
${configBlocks(runs, labels)}
<script type="application/json" id="report-data">${scriptJson(data)}</script>
</body></html>
`;
}
