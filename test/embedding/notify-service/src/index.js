/**
 * notify-service: a host of aiperf/kernel. It owns its protocols, its built-in registry, the
 * package.json field that marks its plugins, its config class and how its config keys select
 * implementations; the kernel does discovery, lazy loading, config errors and the container.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "aiperf/kernel";
import { notificationsModule } from "./NotificationService.js";
import { NotifyConfig } from "./NotifyConfig.js";
import { NOTIFY_PROTOCOLS } from "./protocols.js";
import { notifySelections } from "./selections.js";

/** The service's folder: its package.json dependencies are where plugins are found. */
export const SERVICE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What the service hands the kernel; `options` (config, set, logger, overrides, ...) are the caller's. */
export function notifyAppOptions(options = {}) {
  return {
    protocols: NOTIFY_PROTOCOLS,
    registry: path.join(SERVICE_ROOT, "registry.yaml"),
    manifestField: "notify",
    root: SERVICE_ROOT,
    configClass: NotifyConfig,
    selections: notifySelections,
    modules: [notificationsModule()],
    ...options,
  };
}

/** Builds the service's app from a config file (default service.yaml) or object. */
export function createNotifyApp(options = {}) {
  return createApp(notifyAppOptions({ config: path.join(SERVICE_ROOT, "service.yaml"), ...options }));
}

export { NotificationSent } from "./events.js";
export { NOTIFICATIONS, NotificationService } from "./NotificationService.js";
export { NotifyConfig, NotifySection } from "./NotifyConfig.js";
export { Formatter, NOTIFY_PROTOCOLS, Notifier } from "./protocols.js";
