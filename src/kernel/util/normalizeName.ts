/**
 * Normalizes a protocol or implementation name: lower case, `-` becomes `_`,
 * so `Type-A`, `type_a` and `TYPE_A` are the same name.
 * @public
 */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/-/g, "_");
}
