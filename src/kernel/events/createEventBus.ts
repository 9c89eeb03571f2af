import type { Container } from "inversify";
import type { Logger } from "../app/Logger.js";
import type { Registry } from "../registry/Registry.js";
import { AppEventBus } from "./AppEventBus.js";
import { EventHandler } from "./EventHandler.js";

/**
 * The app's bus: every winning `event_handler` entry of a loaded plugin is subscribed to the
 * events its metadata names (disabled and broken plugins never reach the registry's winners).
 * Handlers are built through the container's named binding, so test overrides apply.
 */
export function createEventBus(registry: Registry, container: Container, timeoutMs: number, logger: Logger): AppEventBus {
  return new AppEventBus({
    handlers: registry.winners(EventHandler.name),
    resolve: (entry) => container.getAsync<EventHandler>(EventHandler.token, { name: entry.name }),
    timeoutMs,
    logger,
  });
}
