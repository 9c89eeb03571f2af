/** C0 and C1 control characters but tab and newline: what can move a cursor, recolour or retitle a terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from manifests, package.json files and servers made safe for a terminal: control
 * characters (ESC among them) are shown as `\xNN` instead of acting on the screen.
 * @public
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
