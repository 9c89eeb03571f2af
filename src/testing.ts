/**
 * aiperf/testing: a profiler app per test, with any binding replaced for that app only.
 */
import type { App } from "./kernel/app/App.js";
import { silentLogger } from "./kernel/app/Logger.js";
import type { Override } from "./kernel/app/Override.js";
import { testStateDir } from "./kernel/lifecycle/testStateDir.js";
import type { AppConfig } from "./profiler/config/AppConfig.js";
import { type CreateProfilerAppOptions, createProfilerApp } from "./profiler/createProfilerApp.js";

/**
 * Options of `createTestApp`: those of `createProfilerApp`, with a silent logger, no terminal and
 * plugin state in a temporary folder of the test process.
 * @public
 */
export interface TestAppOptions extends CreateProfilerAppOptions {
  overrides?: readonly Override[];
}

/**
 * Creates an isolated profiler app for one test. Overrides replace bindings by token (optionally
 * by name) with a value, class or factory; other apps and the host (`parent`) never see them, and
 * the host's own services are never built with them.
 * Dispose it after.
 * @public
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<App<AppConfig>> {
  return createProfilerApp({ logger: silentLogger, isTTY: false, stateDir: testStateDir(), ...options });
}

export type { App, Override };
