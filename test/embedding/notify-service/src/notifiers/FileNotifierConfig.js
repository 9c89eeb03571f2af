import { IsNotEmpty, IsString } from "class-validator";
import { decorate } from "../decorate.js";

/** Settings of the `file` notifier (`notify.channels.file`). */
export class FileNotifierConfig {
  /** Relative to the config file's folder. */
  path = "notifications.log";
}
decorate(FileNotifierConfig, "path", IsString(), IsNotEmpty());
