import { type App, type AppConfig, type CreateProfilerAppOptions, createProfilerApp, silentLogger } from "aiperf";

/** An app that discovers only `root` (no built-ins unless asked) and logs nothing. */
export function appFor(root: string, options: CreateProfilerAppOptions = {}): Promise<App<AppConfig>> {
  return createProfilerApp({ root, builtin: false, logger: silentLogger, isTTY: false, noCache: true, ...options });
}
