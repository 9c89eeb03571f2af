import type { ServiceIdentifier } from "inversify";
import { APP_CONFIG as KERNEL_APP_CONFIG } from "../kernel/app/tokens.js";
import type { AppConfig } from "./config/AppConfig.js";
import type { LogOutput } from "./console/LogOutput.js";

/**
 * The profiler's whole validated config: the kernel's `APP_CONFIG` symbol, typed.
 * @public
 */
export const APP_CONFIG = KERNEL_APP_CONFIG as ServiceIdentifier<AppConfig>;

/**
 * The run's `LogOutput`: where the logger and the CLI write their lines, and what a live view
 * diverts while it draws.
 * @public
 */
export const LOG_OUTPUT: ServiceIdentifier<LogOutput> = Symbol.for("aiperf.log_output");
