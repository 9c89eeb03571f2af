import path from "node:path";
import { createConsoleLogger } from "../kernel/app/Logger.js";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import type { CliIO } from "./CliIO.js";
import { renderTable } from "./renderTable.js";

/**
 * `aiperf plugins health`: builds the profiler app from the config, starts the plugins it enables,
 * asks their health, cleans them up, and returns the exit code (1 when anything is down).
 */
export async function pluginsHealth(io: CliIO, flags: { config?: string; json?: boolean; cache?: boolean }): Promise<number> {
  const { createProfilerApp } = await import("../profiler/createProfilerApp.js");
  const config = flags.config ? path.resolve(io.cwd, flags.config) : path.join(frameworkPackage().root, "config", "default.yaml");
  const logger = createConsoleLogger("warn", (line) => io.stderr(line));
  const app = await createProfilerApp({ config, root: io.cwd, logger, noCache: flags.cache === false, isTTY: false });
  try {
    await app.start();
    const report = await app.health();
    const rows = Object.entries(report.plugins).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (flags.json) io.stdout(`${JSON.stringify(report, null, io.isTTY ? 2 : undefined)}\n`);
    else if (rows.length === 0) io.stdout("no started plugin has a lifecycle\n");
    else
      io.stdout(
        renderTable(
          ["plugin", "status", "detail", "ms"],
          rows.map(([name, h]) => [name, h.status, h.detail ?? "", String(h.ms)]),
        ),
      );
    const down = rows.filter(([, h]) => h.status === "down").map(([name]) => name);
    if (down.length > 0) io.stderr(`[aiperf] error: plugin(s) down: ${down.join(", ")}\n`);
    return down.length > 0 ? 1 : 0;
  } finally {
    await app.dispose().catch((e: unknown) => logger.warn(`dispose: ${String(e)}`));
  }
}
