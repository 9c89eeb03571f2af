import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * One service's end of the bus.
 * @public
 */
export interface CommunicationClient {
  send(topic: string, message: unknown): void;
  onMessage(topic: string, handler: (message: unknown) => void): () => void;
}

/** A service's connection to the message bus. */
export const CommunicationClient = defineProtocol<CommunicationClient>({
  name: "communication_client",
  cardinality: "one",
  members: ["send", "onMessage"],
  description: "A service's connection to the message bus",
  internal: true,
});
