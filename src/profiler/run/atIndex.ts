/**
 * `Array.prototype.at`'s index rule, for the column-backed lists that stand in for arrays: an
 * integer, negative counts from the end; undefined outside `0 … length − 1`.
 */
export function atIndex(index: number, length: number): number | undefined {
  if (!Number.isInteger(index)) return undefined;
  const i = index < 0 ? index + length : index;
  return i < 0 || i >= length ? undefined : i;
}
