import type { Container } from "inversify";
import type { Logger } from "../app/Logger.js";
import type { PluginsConfig } from "../config/KernelConfig.js";
import { AiperfError } from "../errors/AiperfError.js";
import { ErrorCode } from "../errors/codes.js";
import { DisposeError } from "../errors/errors.js";
import type { Registry } from "../registry/Registry.js";
import { normalizeName } from "../util/normalizeName.js";
import { satisfiesRange } from "../util/semverChecks.js";
import { boundPluginCall } from "./boundPluginCall.js";
import { type BuiltLifecycle, buildLifecycle } from "./buildLifecycle.js";
import { checkHealth } from "./checkHealth.js";
import { stateFileOf } from "./defaultStateDir.js";
import { FilePluginState } from "./FilePluginState.js";
import type { HealthReport, StartReport } from "./PluginLifecycle.js";
import { planPluginStart, type StartNode } from "./planPluginStart.js";
import { runStart } from "./runStart.js";

/** What the lifecycles of one app need from it. */
export interface LifecycleContext {
  container: Container;
  registry: Registry;
  logger: Logger;
  plugins: PluginsConfig;
  stateDir: string;
  /** Normalized names of plugins something of which is selected or enabled. */
  enabled(): Set<string>;
}

interface Built extends BuiltLifecycle {
  name: string;
  state: FilePluginState;
}

/**
 * The plugin lifecycles of one app: `start` initializes in dependency order, `health` asks the
 * started ones, `stop` cleans up in exact reverse order of start completion and saves state.
 */
export class PluginLifecycles {
  private starting: Promise<StartReport> | undefined;
  private report: StartReport | undefined;
  /** Initialized plugins, in the order their `initialize` completed. */
  private readonly started: Built[] = [];
  /** Every lifecycle built (started or not), whose state is saved at stop. */
  private readonly built: Built[] = [];

  constructor(private readonly context: LifecycleContext) {}

  get startReport(): StartReport | undefined {
    return this.report;
  }

  start(): Promise<StartReport> {
    this.starting ??= this.startAll();
    return this.starting;
  }

  private async startAll(): Promise<StartReport> {
    const { registry, plugins, logger } = this.context;
    const nodes = planPluginStart(registry.plugins(), this.enabledKeys(), satisfiesRange);
    const report = await runStart(nodes, (node) => this.initialize(node));
    this.report = report;
    for (const f of report.failed) logger.error(`plugin "${f.plugin}" failed to start: ${f.cause}`);
    for (const s of report.skipped) logger.warn(`plugin "${s.plugin}" not started: ${s.because}`);
    if (report.failed.length > 0 && plugins.on_start_failure === "fail") {
      await this.cleanupAll().catch((error: unknown) => logger.error(`cleaning up after a failed start: ${String(error)}`));
      const names = report.failed.map((f) => `"${f.plugin}" (${f.cause})`).join(", ");
      throw new AiperfError(ErrorCode.PluginStartFailed, `plugin(s) failed to start: ${names}; plugins.on_start_failure is "fail"`);
    }
    return report;
  }

  private enabledKeys(): Set<string> {
    const keys = this.context.enabled();
    for (const p of this.context.registry.plugins()) if (p.autoStart && !p.skipped) keys.add(normalizeName(p.name));
    return keys;
  }

  /** Builds and initializes one plugin's lifecycle; false when it has none. */
  private async initialize(node: StartNode): Promise<boolean> {
    const { plugin } = node;
    if (!plugin.lifecycle) return false;
    const { plugins, stateDir, logger, container } = this.context;
    const state = new FilePluginState(stateFileOf(stateDir, plugin.name), logger);
    await state.load();
    const built: Built = { name: plugin.name, state, ...(await buildLifecycle(plugin, container, this.blockOf(plugin.name), state)) };
    this.built.push(built);
    const init = built.instance.initialize?.bind(built.instance);
    if (init) await boundPluginCall(init, plugins.start_timeout_ms, `initialize() of plugin "${plugin.name}"`);
    this.started.push(built);
    return true;
  }

  /** `plugins.settings["plugin.<name>"]`, matched in any spelling of the name. */
  private blockOf(name: string): Record<string, unknown> | undefined {
    const wanted = `plugin.${normalizeName(name)}`;
    const found = Object.entries(this.context.plugins.settings).find(
      ([key]) => `plugin.${normalizeName(key.slice(7))}` === wanted && key.startsWith("plugin."),
    );
    return found?.[1];
  }

  health(): Promise<HealthReport> {
    return checkHealth(
      this.started.map((b) => ({ name: b.name, instance: b.instance })),
      this.report,
      this.context.plugins.health_timeout_ms,
    );
  }

  /**
   * Cleans up started plugins newest first (each bounded), saves every plugin's state, and
   * disposes their containers. Waits for a start still under way. Failures are thrown together.
   */
  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    await this.cleanupAll();
  }

  private async cleanupAll(): Promise<void> {
    const failures: { name: string; error: unknown }[] = [];
    for (const b of this.started.splice(0).reverse()) {
      const cleanup = b.instance.cleanup?.bind(b.instance);
      try {
        if (cleanup) await boundPluginCall(cleanup, this.context.plugins.start_timeout_ms, `cleanup() of plugin "${b.name}"`);
      } catch (error) {
        failures.push({ name: `plugin "${b.name}" cleanup`, error });
      }
      await b.state.save();
    }
    for (const b of this.built.splice(0)) {
      await b.state.save();
      await b.container.unbindAllAsync().catch((error: unknown) => failures.push({ name: `plugin "${b.name}"`, error }));
    }
    if (failures.length > 0) throw new DisposeError(failures);
  }
}
