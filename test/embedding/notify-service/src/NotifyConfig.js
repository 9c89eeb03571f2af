import { KernelConfig } from "aiperf/kernel";
import { Type } from "class-transformer";
import { IsNotEmpty, IsObject, IsString, ValidateNested } from "class-validator";
import { decorate } from "./decorate.js";

/** The `notify:` section: the service's own, friendlier keys for what the kernel calls selections. */
export class NotifySection {
  /** The formatter's name. */
  formatter = "plain";
  /** Notifier name → its settings (or nothing), in the order they are called. */
  channels = { console: {} };
}
decorate(NotifySection, "formatter", IsString(), IsNotEmpty());
decorate(NotifySection, "channels", IsObject());

/** The whole config: the kernel's `plugins:` plus the service's `notify:`. */
export class NotifyConfig extends KernelConfig {
  notify = new NotifySection();
}
decorate(
  NotifyConfig,
  "notify",
  ValidateNested(),
  Type(() => NotifySection),
);
