import type { Communication } from "aiperf";

type Handler = (message: unknown) => void;

/**
 * Built-in `in_process` communication: a topic bus inside one thread. Delivery is synchronous and
 * in subscription order; a handler that throws does not stop delivery to the others.
 */
export class InProcessCommunication implements Communication {
  private readonly topics = new Map<string, Set<Handler>>();

  publish(topic: string, message: unknown): void {
    const handlers = this.topics.get(topic);
    if (!handlers) return;
    for (const handler of handlers) {
      try {
        handler(message);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  subscribe(topic: string, handler: Handler): () => void {
    let handlers = this.topics.get(topic);
    if (!handlers) {
      handlers = new Set();
      this.topics.set(topic, handlers);
    }
    handlers.add(handler);
    return () => handlers.delete(handler);
  }
}
