import type { App } from "../kernel/app/App.js";
import { type CreateAppOptions, createApp } from "../kernel/app/createApp.js";
import { createConsoleLogger } from "../kernel/app/Logger.js";
import type { Selections } from "../kernel/app/Selections.js";
import type { AppConfig } from "./config/AppConfig.js";
import { checkRoutedOwners } from "./config/checkRoutedOwners.js";
import { loadProfilerConfig } from "./config/loadProfilerConfig.js";
import { computeSelections } from "./config/selections.js";
import { LogOutput } from "./console/LogOutput.js";
import { logOutputModule } from "./console/logOutputModule.js";
import { phaseOrchestratorModule } from "./phases/phaseOrchestratorModule.js";
import { profilerHost } from "./profilerHost.js";

/**
 * Options of `createProfilerApp`: the kernel's, minus what the profiler decides itself (its
 * protocols, built-in registry, config class and selections).
 * @public
 */
export interface CreateProfilerAppOptions
  extends Omit<CreateAppOptions<AppConfig>, "protocols" | "registry" | "configClass" | "prepareConfig" | "selections" | "loaded" | "manifestField"> {
  /** Read the profiler's built-in registry (default true). */
  builtin?: boolean;
  /** Whether output goes to a terminal (decides `ui: auto`). Default: `process.stdout.isTTY`. */
  isTTY?: boolean;
  /**
   * Where log lines go, bound as `LOG_OUTPUT` so a live view can divert it while it draws.
   * Default: stderr. Without `logger`, the default logger (warnings and errors) writes to it.
   */
  logOutput?: LogOutput;
}

/**
 * Builds a profiler app on the kernel: the profiler's protocols and built-in registry, its config
 * class (with the keys of `timing:`, `endpoint.mock:` and `service_manager:` routed to the
 * implementation each selects), and its selections from `endpoint.type`, `timing.strategy`,
 * `ui` (auto: progress on a terminal), …
 * @public
 */
export async function createProfilerApp(options: CreateProfilerAppOptions = {}): Promise<App<AppConfig>> {
  const { builtin, isTTY, modules, logOutput, ...rest } = options;
  const output = logOutput ?? new LogOutput();
  const loaded = loadProfilerConfig({ config: options.config, set: options.set, setLabels: options.setLabels, env: options.env });
  const host = profilerHost(builtin === undefined ? {} : { builtin });
  let selections: Selections | undefined;
  const app = await createApp<AppConfig>({
    ...rest,
    logger: rest.logger ?? createConsoleLogger("warn", (line) => output.write(line)),
    loaded,
    protocols: host.protocols,
    registry: host.builtin,
    selections: () => {
      selections = computeSelections(loaded, isTTY ?? Boolean(process.stdout.isTTY));
      return selections;
    },
    modules: [phaseOrchestratorModule(), logOutputModule(output), ...(modules ?? [])],
  });
  try {
    // createApp has added `plugins.select` to these: they are what the app bound.
    if (selections) checkRoutedOwners(app.registry, selections, loaded.locate);
  } catch (error) {
    await app.dispose();
    throw error;
  }
  return app;
}
