import { constants } from "node:fs";
import { access, type FileHandle, mkdir, open } from "node:fs/promises";
import path from "node:path";
import { type HealthCheck, inject, PLUGIN_CONFIG, PLUGIN_STATE, type PluginLifecycle, type PluginState } from "aiperf";
import { ExampleLifecycleConfig } from "./ExampleLifecycleConfig.js";

/** What the plugin remembers between runs. */
export interface ExampleState {
  runs: number;
}

/**
 * The plugin's lifecycle: opens its log file when the app starts, closes it when the app is
 * disposed, reports `degraded` when the file cannot be written, and counts runs in its state.
 * (Counting events from the app's event bus is left for when the bus lands.)
 */
export class ExampleLifecycle implements PluginLifecycle {
  /** The kernel validates `PLUGIN_CONFIG` with this class. */
  static readonly configClass = ExampleLifecycleConfig;
  private file: FileHandle | undefined;
  private problem: string | undefined;

  constructor(
    @inject(PLUGIN_CONFIG) private readonly config: ExampleLifecycleConfig,
    @inject(PLUGIN_STATE) private readonly state: PluginState<ExampleState>,
  ) {}

  /** This run's number (1 for the first run ever). */
  get run(): number {
    return this.state.get()?.runs ?? 0;
  }

  async initialize(): Promise<void> {
    this.state.set({ runs: this.run + 1 });
    const logFile = this.config.log_file;
    if (logFile === undefined) return;
    try {
      await mkdir(path.dirname(logFile), { recursive: true });
      this.file = await open(logFile, "a");
      await this.file.write(`${new Date().toISOString()} run ${this.run} started\n`);
    } catch (error) {
      // A log file is a convenience: the plugin still works, and health says what is wrong.
      this.problem = `cannot write ${logFile}: ${(error as Error).message}`;
    }
  }

  async health(): Promise<HealthCheck> {
    const logFile = this.config.log_file;
    if (logFile === undefined) return { status: "ok", detail: `run ${this.run}, no log file` };
    if (this.problem) return { status: "degraded", detail: this.problem };
    try {
      await access(logFile, constants.W_OK);
      return { status: "ok", detail: `run ${this.run}, logging to ${logFile}` };
    } catch {
      return { status: "degraded", detail: `${logFile} is not writable` };
    }
  }

  async cleanup(): Promise<void> {
    if (!this.file) return;
    await this.file.write(`${new Date().toISOString()} run ${this.run} finished\n`);
    await this.file.close();
    this.file = undefined;
  }
}
