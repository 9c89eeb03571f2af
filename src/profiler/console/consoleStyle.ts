import { styleText } from "node:util";

/**
 * The text formats the built-in views use.
 * @public
 */
export type StyleFormat = "bold" | "dim" | "red" | "green" | "yellow" | "cyan";

/**
 * Styles text for one destination: `util.styleText` when colours are on, the text unchanged
 * otherwise (no escape codes at all).
 * @public
 */
export type ConsoleStyle = (format: StyleFormat | readonly StyleFormat[], text: string) => string;

/**
 * Whether to colour what goes to `stream`: never with `NO_COLOR` set (non-empty), always with
 * `FORCE_COLOR` set (other than `0`/`false`), else only on a terminal that has colours (which also
 * covers `TERM=dumb` and `NODE_DISABLE_COLORS`).
 * @public
 */
export function colorEnabled(stream: { isTTY?: boolean; hasColors?: () => boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force !== "false";
  if (!stream.isTTY) return false;
  return stream.hasColors?.() ?? true;
}

/**
 * A style that colours when `enabled`.
 * @public
 */
export function consoleStyle(enabled: boolean): ConsoleStyle {
  if (!enabled) return (_format, text) => text;
  // The stream check is ours (colorEnabled); Node >= 22 would otherwise check stdout even for stderr.
  return (format, text) => styleText(format as StyleFormat | StyleFormat[], text, { validateStream: false });
}
