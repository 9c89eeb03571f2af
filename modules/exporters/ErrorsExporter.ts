import type { ConsoleExporter, ProfileResults } from "aiperf";

/** Built-in `errors`: error messages of the profiling phase grouped with counts (nothing when none). */
export class ErrorsExporter implements ConsoleExporter {
  render(results: ProfileResults): string {
    if (results.errors.length === 0) return "";
    const total = results.errors.reduce((n, e) => n + e.count, 0);
    const lines = [`Errors (${total}):`, ...results.errors.map((e) => `  ${String(e.count).padStart(6)}  ${e.message}`)];
    return `${lines.join("\n")}\n`;
  }
}
