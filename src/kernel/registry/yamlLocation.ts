import { type Document, isMap, isPair, isScalar, type LineCounter, type Node } from "yaml";
import type { SourceLocation } from "../errors/AiperfError.js";

/**
 * The location of `path` in a parsed YAML document: the key when `at` is "key" (unknown keys),
 * else the value. Falls back to the nearest existing ancestor, so every error gets a line.
 */
export function yamlLocation(
  doc: Document,
  lineCounter: LineCounter,
  file: string,
  path: readonly (string | number)[],
  at: "key" | "value" = "value",
): SourceLocation {
  let node: unknown = doc.contents;
  let offset: number | undefined = rangeStart(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    if (!isMap(node)) {
      const items = (node as { items?: unknown[] } | null)?.items;
      if (Array.isArray(items) && typeof segment === "number" && items[segment] !== undefined) {
        node = items[segment];
        offset = rangeStart(node) ?? offset;
        continue;
      }
      break;
    }
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
    if (!pair) break;
    const last = i === path.length - 1;
    if (last && at === "key") {
      offset = rangeStart(pair.key) ?? offset;
      break;
    }
    node = pair.value;
    offset = rangeStart(node) ?? rangeStart(pair.key) ?? offset;
  }
  if (offset === undefined) return { file, line: 1, col: 1 };
  const pos = lineCounter.linePos(offset);
  return { file, line: pos.line, col: pos.col };
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as Node | null)?.range;
  return Array.isArray(range) ? range[0] : undefined;
}
