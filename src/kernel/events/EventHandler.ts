import { defineProtocol, type Protocol } from "../protocol/defineProtocol.js";
import type { EventContext } from "./EventBus.js";
import { EventHandlerMetadata } from "./EventHandlerMetadata.js";

/**
 * The kernel's own protocol, present in every app: a registry entry that handles events. Its
 * `metadata: { events: [...] }` names them, so the bus knows who wants what without importing;
 * the module is imported when the first of those events is emitted.
 * @public
 */
export const EventHandler: Protocol<EventHandler> = defineProtocol<EventHandler>({
  name: "event_handler",
  cardinality: "many",
  members: ["handle"],
  description: "Handles events named in its metadata (events: [...]); imported on the first of them",
  metadataClass: EventHandlerMetadata,
});
/** @public */
export interface EventHandler {
  handle(payload: unknown, context: EventContext): unknown;
}

/** Protocols the kernel adds to every host's. */
export const KERNEL_PROTOCOLS: readonly Protocol[] = [EventHandler as Protocol];
