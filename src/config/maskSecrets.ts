/** Keys whose values are secrets (DESIGN §8). */
export const SECRET_KEY_PATTERN = /(api[_-]?key|token|secret|password|authorization)/i;

/** The placeholder that replaces secret values. */
export const MASK = "***";

/** A deep copy of `value` with every secret-looking key's non-empty value replaced by `***`. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v)) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = SECRET_KEY_PATTERN.test(key) && v !== "" && v !== null && v !== undefined ? MASK : maskSecrets(v);
  }
  return out as T;
}

/** Every non-empty value stored under a secret-looking key, for scrubbing free text. */
export function collectSecrets(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectSecrets(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (SECRET_KEY_PATTERN.test(key) && (typeof v === "string" || typeof v === "number") && String(v).length > 0) out.push(String(v));
      else collectSecrets(v, out);
    }
  }
  return out;
}

/** Replaces every occurrence of the given secrets in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 3) out = out.split(secret).join(MASK);
  return out;
}
