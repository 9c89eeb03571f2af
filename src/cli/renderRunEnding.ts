import path from "node:path";
import type { ConsoleStyle } from "../profiler/console/consoleStyle.js";

const LABEL = 10;

/** Splits a path into lines of at most `width` characters, breaking after "/" or "-" where it can. */
function wrapPath(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > width) {
    const cut = Math.max(rest.lastIndexOf("/", width - 1), rest.lastIndexOf("-", width - 1));
    const at = cut > 0 ? cut + 1 : width;
    lines.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  lines.push(rest);
  return lines;
}

/**
 * The last lines of a profile's summary: the run's folder (relative to the working directory when
 * inside it), then its files one a line, all within `width` columns.
 */
export function renderRunEnding(files: readonly string[], cwd: string, style: ConsoleStyle, width = 80): string {
  const label = (i: number) => (i === 0 ? style("bold", "Exports".padEnd(LABEL)) : " ".repeat(LABEL));
  if (files.length === 0) return `\n${label(0)}none\n`;
  const dirs = [...new Set(files.map((f) => path.dirname(f)))];
  const lines: string[] = [];
  for (const dir of dirs) {
    const relative = path.relative(cwd, dir);
    const shown = relative === "" ? "." : !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : dir;
    lines.push(...wrapPath(`${shown}${path.sep}`, width - LABEL));
    for (const f of files) if (path.dirname(f) === dir) lines.push(`  ${path.basename(f)}`);
  }
  return `\n${lines.map((l, i) => `${label(i)}${l}`).join("\n")}\n`;
}
