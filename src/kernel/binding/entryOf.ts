import type { ImplementationEntry } from "../registry/types.js";

const ENTRY = Symbol.for("aiperf.entry");

/** Marks an instance with the registry entry it was built from (non-enumerable). */
export function tagInstance(instance: unknown, entry: ImplementationEntry): void {
  if ((typeof instance === "object" && instance !== null) || typeof instance === "function") {
    if (Object.isExtensible(instance) && !Object.hasOwn(instance, ENTRY)) {
      Object.defineProperty(instance, ENTRY, { value: entry, enumerable: false });
    }
  }
}

/**
 * The registry entry an instance was built from, if it came from a registry.
 * @public
 */
export function entryOf(instance: unknown): ImplementationEntry | undefined {
  if ((typeof instance === "object" && instance !== null) || typeof instance === "function") {
    return (instance as Record<symbol, ImplementationEntry | undefined>)[ENTRY];
  }
  return undefined;
}

/**
 * A display name for an instance: its registry name, else its class name.
 * @public
 */
export function instanceName(instance: unknown): string {
  const entry = entryOf(instance);
  if (entry) return entry.name;
  const ctor = (instance as { constructor?: { name?: string } } | null)?.constructor?.name;
  return ctor && ctor !== "Object" ? ctor : "anonymous";
}
