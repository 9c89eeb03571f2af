import { type ConsoleExporter, type ConsoleView, consoleStyle, type ProfileResults, printable } from "aiperf";
import { wrapText } from "./summaryHeader.js";

const INDENT = 10;

/** Built-in `errors`: error messages of the profiling phase grouped with counts (nothing when none), wrapped to the view's width. */
export class ErrorsExporter implements ConsoleExporter {
  render(results: ProfileResults, view: ConsoleView = { width: 80, style: consoleStyle(false) }): string {
    if (results.errors.length === 0) return "";
    const total = results.errors.reduce((n, e) => n + e.count, 0);
    const lines = [view.style(["bold", "red"], `Errors (${total}):`)];
    const width = Math.max(20, view.width - INDENT);
    for (const e of results.errors) {
      // Messages quote what servers answered: escape sequences in them are shown, not obeyed.
      const [first = "", ...rest] = wrapText(printable(e.message), width);
      lines.push(`  ${String(e.count).padStart(6)}  ${first}`, ...rest.map((l) => `${" ".repeat(INDENT)}${l}`));
      // A template (`req <n>`) hides the numbers the server gave: one real message shows them.
      if (e.example !== undefined) lines.push(...wrapText(`e.g. ${printable(e.example)}`, width).map((l) => `${" ".repeat(INDENT)}${l}`));
    }
    return `\n${lines.join("\n")}\n`;
  }
}
