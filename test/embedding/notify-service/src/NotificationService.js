import { ContainerModule, inject, multiInject } from "aiperf/kernel";
import { Formatter, Notifier } from "./protocols.js";

/** The service's token for its own front door. */
export const NOTIFICATIONS = Symbol.for("notify-service.notifications");

/** Formats a message once and hands it to every selected notifier, in order. */
export class NotificationService {
  constructor(formatter, notifiers) {
    this.formatter = formatter;
    this.notifiers = notifiers;
  }

  /** Sends `{ title, body }`; returns the text that was delivered. */
  async send(message) {
    const text = this.formatter.format(message);
    for (const notifier of this.notifiers) await notifier.notify(text);
    return text;
  }
}
// In TypeScript: constructor(@inject(Formatter.token) formatter, @multiInject(Notifier.token) notifiers).
inject(Formatter.token)(NotificationService, undefined, 0);
multiInject(Notifier.token)(NotificationService, undefined, 1);

/** The service's own bindings, loaded into each app after the registry's. */
export function notificationsModule() {
  return new ContainerModule(({ bind }) => {
    bind(NOTIFICATIONS).to(NotificationService).inSingletonScope();
  });
}
