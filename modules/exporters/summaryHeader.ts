import { type ConsoleStyle, CreditPhase, type PhaseStats, type ProfileResults, redactUrl } from "aiperf";

type Section = Record<string, unknown>;

const LABEL = 10;

function section(config: Record<string, unknown>, key: string): Section {
  const value = config[key];
  return value !== null && typeof value === "object" ? (value as Section) : {};
}

/** `concurrency 8`, `request rate 50 req/s (poisson), at most 16 in flight`, `fixed schedule (trace replay)`. */
export function describeLoad(timing: Section): string {
  const strategy = String(timing.strategy ?? "?");
  if (strategy === "concurrency") return `concurrency ${timing.concurrency ?? "?"}`;
  if (strategy === "request_rate") {
    const cap = timing.max_concurrency === undefined || timing.max_concurrency === null ? "" : `, at most ${timing.max_concurrency} in flight`;
    return `request rate ${timing.rate ?? "?"} req/s (${timing.arrival ?? "constant"})${cap}`;
  }
  if (strategy === "fixed_schedule") {
    const scale = timing.time_scale === undefined || timing.time_scale === 1 ? "" : `, time x${timing.time_scale}`;
    return `fixed schedule (trace replay${scale})`;
  }
  return strategy;
}

function phaseSeconds(stats: PhaseStats | undefined): number | undefined {
  if (stats?.startNs === undefined || stats.endNs === undefined) return undefined;
  return (stats.endNs - stats.startNs) / 1e9;
}

/** `text` cut into pieces of at most `width` characters, at spaces where it can be. */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const space = rest.lastIndexOf(" ", width);
    const cut = space > width / 2 ? space : width;
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  lines.push(rest);
  return lines;
}

/**
 * The lines above the metrics: what was measured (URL without credentials, model, endpoint, load)
 * and how it went (duration, requests sent, completed, failed). Each line fits `width`; long values
 * continue on the next line under the value column.
 */
export function summaryHeader(results: ProfileResults, width: number, style: ConsoleStyle): string[] {
  const endpoint = section(results.config, "endpoint");
  const url = String(endpoint.url ?? "?");
  const profiling = results.phases.find((p) => p.phase === CreditPhase.Profiling);
  const seconds = phaseSeconds(profiling);
  const status = results.interrupted ? "interrupted" : profiling?.timedOut ? "timed out" : undefined;
  const duration = `${seconds === undefined ? "-" : `${seconds.toFixed(1)} s`} profiling (whole run ${results.durationS.toFixed(1)} s)`;
  const counts = profiling
    ? [
        `${profiling.sent} sent`,
        `${profiling.completed} completed`,
        profiling.errors > 0 ? style("red", `${profiling.errors} errors`) : `${profiling.errors} errors`,
        ...(profiling.cancelled > 0 ? [style("yellow", `${profiling.cancelled} cancelled`)] : []),
      ].join(", ")
    : "none";
  const fields: [string, string][] = [
    ["URL", url === "embedded" ? "embedded mock server" : redactUrl(url)],
    ["Model", String(endpoint.model ?? "?")],
    ["Endpoint", `${endpoint.type ?? "?"}${endpoint.streaming === false ? "" : ", streaming"}`],
    ["Load", describeLoad(section(results.config, "timing"))],
    ["Duration", status ? `${duration}, ${style("yellow", status)}` : duration],
    ["Requests", counts],
  ];
  const out = [style("bold", "Profile results")];
  for (const [label, value] of fields) {
    // Wrapping counts visible characters: styled values are short enough never to need it.
    const pieces = value.includes("\x1b") ? [value] : wrapText(value, width - LABEL);
    out.push(`${style("bold", label.padEnd(LABEL))}${pieces[0]}`, ...pieces.slice(1).map((p) => `${" ".repeat(LABEL)}${p}`));
  }
  return out;
}
