/** Test helpers: an app per test, with any binding replaced for that app only. */
import { App } from "./kernel/app/App.js";
import { type CreateAppOptions, createApp } from "./kernel/app/createApp.js";
import { silentLogger } from "./kernel/app/Logger.js";
import type { Override } from "./kernel/app/Override.js";

/** Options of `createTestApp`: those of `createApp`, with a silent logger by default. */
export interface TestAppOptions extends CreateAppOptions {
  overrides?: readonly Override[];
}

/**
 * Creates an isolated app for one test. Overrides replace bindings by token (optionally by name)
 * with a value, class or factory; other apps in the process and the host (`parent`) never see them,
 * and the host's own services are never built with them. Dispose it after.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<App> {
  return createApp({ logger: silentLogger, isTTY: false, ...options });
}

export type { Override };
export { App };
