type Handler = (message: unknown) => void;

/**
 * Local subscribers by topic, called in subscription order; one that throws does not stop the
 * others (its error surfaces on its own, as with the in-process bus).
 */
export class TopicHandlers {
  private readonly topics = new Map<string, Set<Handler>>();

  /** Adds a handler; `first` is true when the topic had none (a remote subscription is due). */
  add(topic: string, handler: Handler): { first: boolean; remove: () => void } {
    let handlers = this.topics.get(topic);
    const first = !handlers;
    if (!handlers) {
      handlers = new Set();
      this.topics.set(topic, handlers);
    }
    const set = handlers;
    set.add(handler);
    return { first, remove: () => set.delete(handler) };
  }

  deliver(topic: string, message: unknown): void {
    for (const handler of this.topics.get(topic) ?? []) {
      try {
        handler(message);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
