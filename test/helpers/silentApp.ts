import { type App, type CreateAppOptions, createApp, silentLogger } from "aiperf";

/** An app that discovers only `root` (no built-ins unless asked) and logs nothing. */
export function appFor(root: string, options: CreateAppOptions = {}): Promise<App> {
  return createApp({ root, builtin: false, logger: silentLogger, isTTY: false, noCache: true, ...options });
}
