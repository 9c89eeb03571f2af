import { ContainerModule, EventBus, inject, multiInject } from "aiperf/kernel";
import { NotificationSent } from "./events.js";
import { Formatter, Notifier } from "./protocols.js";

/** The service's token for its own front door. */
export const NOTIFICATIONS = Symbol.for("notify-service.notifications");

/**
 * Formats a message once and hands it to every selected notifier, in order, then publishes
 * `notification.sent` on the app's bus (handlers declared in any registry.yaml see it).
 */
export class NotificationService {
  constructor(formatter, notifiers, bus) {
    this.formatter = formatter;
    this.notifiers = notifiers;
    this.bus = bus;
  }

  /** Sends `{ title, body }`; returns the text that was delivered. */
  async send(message) {
    const text = this.formatter.format(message);
    for (const notifier of this.notifiers) await notifier.notify(text);
    await this.bus.emit(NotificationSent, { title: message.title, text, channels: this.notifiers.length }, { source: "notify-service" });
    return text;
  }
}
// In TypeScript: constructor(@inject(Formatter.token) formatter, @multiInject(Notifier.token) notifiers, @inject(EventBus) bus).
inject(Formatter.token)(NotificationService, undefined, 0);
multiInject(Notifier.token)(NotificationService, undefined, 1);
inject(EventBus)(NotificationService, undefined, 2);

/** The service's own bindings, loaded into each app after the registry's. */
export function notificationsModule() {
  return new ContainerModule(({ bind }) => {
    bind(NOTIFICATIONS).to(NotificationService).inSingletonScope();
  });
}
