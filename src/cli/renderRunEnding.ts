import path from "node:path";
import type { ConsoleStyle } from "../profiler/console/consoleStyle.js";

const LABEL = 10;

/**
 * The last lines of a profile's summary: where the exports went, one file a line, relative to the
 * working directory when they are inside it (short enough to fit the summary's width).
 */
export function renderRunEnding(files: readonly string[], cwd: string, style: ConsoleStyle): string {
  if (files.length === 0) return `\n${style("bold", "Exports".padEnd(LABEL))}none\n`;
  const shown = files.map((f) => {
    const relative = path.relative(cwd, f);
    return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : f;
  });
  return `\n${shown.map((f, i) => `${i === 0 ? style("bold", "Exports".padEnd(LABEL)) : " ".repeat(LABEL)}${f}`).join("\n")}\n`;
}
