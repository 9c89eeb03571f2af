import { printable } from "../util/printable.js";

/**
 * Where the framework writes diagnostics. Replace it through `createApp({ logger })`.
 * @public
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * Writes warnings and errors as lines to stderr, or to `out` (a host that draws on the terminal
 * passes one it can redirect); info and debug only when asked.
 * @public
 */
export function createConsoleLogger(
  level: "debug" | "info" | "warn" | "error" = "warn",
  out: (line: string) => void = (line) => process.stderr.write(line),
): Logger {
  const order = ["debug", "info", "warn", "error"];
  const min = order.indexOf(level);
  const write = (lvl: string, message: string) => {
    // Messages quote plugin names, manifest keys and server text: never let them drive the terminal.
    if (order.indexOf(lvl) >= min) out(`[aiperf] ${lvl}: ${printable(message)}\n`);
  };
  return {
    debug: (m) => write("debug", m),
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
  };
}

/**
 * Discards everything (tests that assert on output pass their own).
 * @public
 */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
