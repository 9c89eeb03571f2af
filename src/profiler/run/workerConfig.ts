import path from "node:path";
import type { App } from "../../kernel/app/App.js";
import type { AppConfig } from "../config/AppConfig.js";

/**
 * The config for workers that build their own app: the validated values (env already
 * substituted), with paths made absolute so they mean the same from any thread, and no UI.
 * Workers execute requests only, so the timing strategy's own keys are not needed there.
 */
export function workerConfig(app: App<AppConfig>): Record<string, unknown> {
  const config = JSON.parse(JSON.stringify(app.config)) as { plugins: { paths: string[] }; ui: { type: string } };
  config.plugins.paths = app.config.plugins.paths.map((p) => path.resolve(app.loadedConfig.file ? app.loadedConfig.baseDir : app.root, p));
  config.ui.type = "none";
  return config as unknown as Record<string, unknown>;
}
