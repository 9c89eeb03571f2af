// Types of the service's public API, as a JavaScript package ships them.
import type { App, CreateAppOptions, EventBus, EventType, KernelConfig, Protocol, ServiceIdentifier } from "aiperf/kernel";

/** What the service sends. */
export interface Message {
  title: string;
  body: string;
}

export interface Notifier {
  notify(text: string): void | Promise<void>;
}
export declare const Notifier: Protocol<Notifier>;

export interface Formatter {
  format(message: Message): string;
}
export declare const Formatter: Protocol<Formatter>;

export declare const NOTIFY_PROTOCOLS: readonly Protocol[];

export declare class NotifySection {
  formatter: string;
  channels: Record<string, Record<string, unknown> | null>;
}
export declare class NotifyConfig extends KernelConfig {
  notify: NotifySection;
}

/** What `notification.sent` carries. */
export interface NotificationSentPayload {
  title: string;
  text: string;
  channels: number;
}
export declare const NotificationSent: EventType<NotificationSentPayload>;

export declare class NotificationService {
  constructor(formatter: Formatter, notifiers: Notifier[], bus: EventBus);
  send(message: Message): Promise<string>;
}
export declare const NOTIFICATIONS: ServiceIdentifier<NotificationService>;

export declare const SERVICE_ROOT: string;
export declare function notifyAppOptions(options?: CreateAppOptions<NotifyConfig>): CreateAppOptions<NotifyConfig>;
export declare function createNotifyApp(options?: CreateAppOptions<NotifyConfig>): Promise<App<NotifyConfig>>;
