import { defineEvent } from "aiperf/kernel";

/**
 * Published by NotificationService after every notifier has had a notification:
 * `{ title, text, channels }`. In TypeScript: `defineEvent<NotificationSentPayload>(...)`.
 */
export const NotificationSent = defineEvent("notification.sent");
