import { defineProtocol } from "aiperf/kernel";

/**
 * Delivers one formatted notification somewhere. Every selected notifier is called, in config
 * order. `notify(text: string): void | Promise<void>`.
 */
export const Notifier = defineProtocol({
  name: "notifier",
  cardinality: "many",
  members: ["notify"],
  description: "Delivers a formatted notification (console, file, chat, ...)",
});

/** Turns a `{ title, body }` message into text. One is selected. `format(message): string`. */
export const Formatter = defineProtocol({
  name: "formatter",
  cardinality: "one",
  members: ["format"],
  description: "Renders a notification message as text",
});

/** The service's extension points, handed to the kernel's createApp. */
export const NOTIFY_PROTOCOLS = [Notifier, Formatter];
