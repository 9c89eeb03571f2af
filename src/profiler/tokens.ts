import type { ServiceIdentifier } from "inversify";
import { APP_CONFIG as KERNEL_APP_CONFIG } from "../kernel/app/tokens.js";
import type { AppConfig } from "./config/AppConfig.js";

/**
 * The profiler's whole validated config: the kernel's `APP_CONFIG` symbol, typed.
 * @public
 */
export const APP_CONFIG = KERNEL_APP_CONFIG as ServiceIdentifier<AppConfig>;
