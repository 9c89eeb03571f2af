import path from "node:path";
import { type App, createApp, type Logger } from "aiperf/kernel";
import { writeFiles } from "../helpers/fixtures.js";

/** The host service every fixture lifecycle class injects: the test decides what each call does. */
export const PROBE = Symbol.for("test.lifecycle.probe");

/** What the fixture plugins do, per plugin name; calls are recorded in `events`. */
export interface Probe {
  events: string[];
  initialize: Record<string, () => Promise<void> | void>;
  cleanup: Record<string, () => Promise<void> | void>;
  health: Record<string, () => unknown>;
}

export function probe(): Probe {
  return { events: [], initialize: {}, cleanup: {}, health: {} };
}

/** A promise and its resolver: a latch the test (or another plugin) opens. */
export function latch(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const LIFECYCLE = `import { inject, PLUGIN_CONFIG, PLUGIN_STATE } from "aiperf/kernel";
export class Life {
  constructor(probe, config, state) { this.probe = probe; this.config = config; this.state = state; }
  async initialize() {
    const name = this.config.name;
    this.probe.events.push("init " + name);
    this.state.set({ runs: (this.state.get()?.runs ?? 0) + 1 });
    await this.probe.initialize[name]?.();
    this.probe.events.push("ready " + name);
  }
  async cleanup() {
    this.probe.events.push("cleanup " + this.config.name);
    await this.probe.cleanup[this.config.name]?.();
  }
  health() {
    const check = this.probe.health[this.config.name];
    return check ? check() : "ok";
  }
}
inject(Symbol.for("test.lifecycle.probe"))(Life, undefined, 0);
inject(PLUGIN_CONFIG)(Life, undefined, 1);
inject(PLUGIN_STATE)(Life, undefined, 2);
`;

/** A plugin: its version, the plugins it depends on (name → range, or a list) and whether it has a lifecycle. */
export interface FixturePlugin {
  version?: string;
  dependencies?: Record<string, string | null> | string[];
  lifecycle?: boolean;
}

/** Writes `<root>/plugins/<name>/` for each plugin, all `auto_start: true`. */
export function writePlugins(root: string, plugins: Record<string, FixturePlugin>): void {
  const files: Record<string, string> = {};
  for (const [name, p] of Object.entries(plugins)) {
    const lines = [`plugin:`, `  name: ${name}`, `  version: ${p.version ?? "1.0.0"}`, `  auto_start: true`];
    if (p.dependencies) lines.push(`  dependencies: ${JSON.stringify(p.dependencies)}`);
    if (p.lifecycle !== false) lines.push(`  lifecycle: ./life.js:Life`);
    files[`plugins/${name}/registry.yaml`] = `${lines.join("\n")}\n`;
    files[`plugins/${name}/life.js`] = LIFECYCLE;
  }
  writeFiles(root, files);
}

/** An app on the kernel alone over `root`, each plugin's config naming it. */
export function lifecycleApp(root: string, probeValue: Probe, logger: Logger, plugins: Record<string, unknown> = {}): Promise<App> {
  const names = ["a", "b", "c", "d"];
  const settings = Object.fromEntries(names.map((n) => [`plugin.${n}`, { name: n }]));
  return createApp({
    root,
    noCache: true,
    logger,
    stateDir: path.join(root, "state"),
    config: { plugins: { settings, start_timeout_ms: 2000, ...plugins } },
    overrides: [{ token: PROBE, useValue: probeValue }],
  });
}
