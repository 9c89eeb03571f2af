import type { SourceLocation } from "../errors/AiperfError.js";
import { escapeRegExp } from "./escapeRegExp.js";

/**
 * Where the value of a key path starts in JSON text, found by scanning for each key in turn
 * (enough to point at a package.json field without a positional JSON parser); the start of the
 * file when a key is not found.
 */
export function jsonKeyLocation(text: string, file: string, keys: readonly string[]): SourceLocation {
  let index = 0;
  for (const key of keys) {
    const pattern = new RegExp(`${escapeRegExp(JSON.stringify(key))}\\s*:\\s*`, "g");
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) return { file, line: 1, col: 1 };
    index = match.index + match[0].length;
  }
  const before = text.slice(0, index).split("\n");
  return { file, line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 };
}
