/**
 * aiperf/kernel/testing: an app per test, with any binding replaced for that app only.
 */
import { App } from "./app/App.js";
import { type CreateAppOptions, createApp } from "./app/createApp.js";
import { silentLogger } from "./app/Logger.js";
import type { Override } from "./app/Override.js";
import type { KernelConfig } from "./config/KernelConfig.js";
import { testStateDir } from "./lifecycle/testStateDir.js";

/**
 * Options of the kernel's `createTestApp`: those of `createApp`, with a silent logger, no
 * manifest cache and plugin state in a temporary folder of the test process by default.
 * @public
 */
export interface KernelTestAppOptions<TConfig extends KernelConfig = KernelConfig> extends CreateAppOptions<TConfig> {
  overrides?: readonly Override[];
}

/**
 * Creates an isolated app for one test. Overrides replace bindings by token (optionally by name)
 * with a value, class or factory; the parent container and other apps never see them. Dispose it after.
 * @public
 */
export async function createTestApp<TConfig extends KernelConfig = KernelConfig>(options: KernelTestAppOptions<TConfig> = {}): Promise<App<TConfig>> {
  return createApp<TConfig>({ logger: silentLogger, noCache: true, stateDir: testStateDir(), ...options });
}

export type { Override };
export { App };
