import type { ConsoleStyle } from "aiperf";

/** What one progress line shows. */
export interface ProgressView {
  phase: string;
  completed: number;
  errors: number;
  cancelled: number;
  /** Request count the phase is bounded by, if any. */
  total?: number;
  /** Phase length in seconds, when it is bounded by time. */
  durationS?: number;
  elapsedS: number;
  /** Completed requests per second (recent while running, overall once final). */
  rate: number;
  ttftP50Ms?: number;
  /** The phase is over: the line shows how long it took instead of what is left. */
  final: boolean;
  timedOut?: boolean;
}

/** `0.7s`, `42s`, `3m05s`, `1h02m`. */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return "--";
  if (s < 10) return `${s.toFixed(1)}s`;
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(Math.round(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** How far the phase is (0..1) and what is left, from its count, its duration or both. */
function progressOf(v: ProgressView): { fraction: number | undefined; leftS: number | undefined } {
  const byCount = v.total ? Math.min(1, v.completed / v.total) : undefined;
  const byTime = v.durationS ? Math.min(1, v.elapsedS / v.durationS) : undefined;
  const countLeft = v.total && v.rate > 0 ? Math.max(0, v.total - v.completed) / v.rate : undefined;
  const timeLeft = v.durationS ? Math.max(0, v.durationS - v.elapsedS) : undefined;
  const fraction = byCount === undefined ? byTime : byTime === undefined ? byCount : Math.max(byCount, byTime);
  const leftS = countLeft === undefined ? timeLeft : timeLeft === undefined ? countLeft : Math.min(countLeft, timeLeft);
  return { fraction, leftS };
}

const MIN_BAR = 6;
const MAX_BAR = 30;

/**
 * One progress line of at most `width` columns (escape codes aside). A count-bounded phase shows
 * `done/total` and an ETA; one bounded by time alone shows the count done and elapsed/length. The
 * bar takes what the fields leave (6 to 30 columns); on a narrow terminal the TTFT, then the bar
 * are dropped.
 */
export function progressLine(v: ProgressView, width: number, style: ConsoleStyle): string {
  const { fraction, leftS } = progressOf(v);
  const count = v.total ? `${v.completed}/${v.total}` : `${v.completed} done`;
  // A phase bounded by time alone has no count to estimate from: it shows time against its length.
  const tail = v.final
    ? v.timedOut
      ? `timed out after ${formatSeconds(v.elapsedS)}`
      : `in ${formatSeconds(v.elapsedS)}`
    : !v.total && v.durationS
      ? `${formatSeconds(v.elapsedS)}/${formatSeconds(v.durationS)}`
      : leftS === undefined
        ? `elapsed ${formatSeconds(v.elapsedS)}`
        : `ETA ${formatSeconds(leftS)}`;
  // [plain text, styled text]: widths are counted on the plain text.
  const name: [string, string] = [v.phase.padEnd(9), style("bold", v.phase.padEnd(9))];
  const fields: [string, string][] = [
    [count, count],
    [`${v.rate.toFixed(1)} req/s`, `${v.rate.toFixed(1)} req/s`],
    [`${v.errors} err`, v.errors > 0 ? style("red", `${v.errors} err`) : `${v.errors} err`],
  ];
  if (v.cancelled > 0) fields.push([`${v.cancelled} cancelled`, style("yellow", `${v.cancelled} cancelled`)]);
  const ttft: [string, string] | undefined =
    v.ttftP50Ms === undefined ? undefined : [`p50 TTFT ${v.ttftP50Ms.toFixed(1)}ms`, `p50 TTFT ${style("cyan", `${v.ttftP50Ms.toFixed(1)}ms`)}`];
  const last: [string, string] = [tail, style("dim", tail)];

  const join = (parts: [string, string][], i: 0 | 1) => parts.map((p) => p[i]).join("  ");
  for (const withTtft of ttft ? [true, false] : [false]) {
    const parts = [...fields, ...(withTtft && ttft ? [ttft] : []), last];
    const textWidth = name[0].length + 1 + join(parts, 0).length;
    const room = width - textWidth - 3; // " [" + "]" around the bar, one space after the name
    if (fraction !== undefined && room >= MIN_BAR) {
      const barWidth = Math.min(MAX_BAR, room);
      const filled = Math.round(fraction * barWidth);
      const bar = `[${style("green", "#".repeat(filled))}${style("dim", "-".repeat(barWidth - filled))}]`;
      return `${name[1]} ${bar} ${join(parts, 1)}`;
    }
    if (textWidth <= width && (!withTtft || fraction === undefined)) return `${name[1]} ${join(parts, 1)}`;
  }
  const plain = `${name[0]} ${join([...fields, last], 0)}`;
  return plain.length <= width ? plain : `${plain.slice(0, width - 3)}...`;
}
