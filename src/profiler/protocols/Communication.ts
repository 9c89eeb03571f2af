import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * Topic-based messages between services.
 * @public
 */
export interface Communication {
  publish(topic: string, message: unknown): void;
  subscribe(topic: string, handler: (message: unknown) => void): () => void;
}

/** Message bus between services */
export const Communication = defineProtocol<Communication>({
  name: "communication",
  cardinality: "one",
  members: ["publish", "subscribe"],
  description: "Message bus between services",
  internal: true,
});
