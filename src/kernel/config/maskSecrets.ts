/**
 * True when a config key names a secret (DESIGN §8): `api_key`, `token`, `secret`, `password`,
 * `authorization` as a whole word of the key (`access_token`, `clientSecret`), but not
 * `max_tokens` or `input_tokens_mean`.
 */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_\-.\s]+/);
  if (words.some((w) => w === "token" || w === "secret" || w === "password" || w === "passwd" || w === "authorization" || w === "apikey")) return true;
  return words.some((w, i) => w === "api" && words[i + 1] === "key");
}

/** The placeholder that replaces secret values. */
export const MASK = "***";

/** A deep copy of `value` with every secret-looking key's non-empty value replaced by `***`. */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v)) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) && v !== "" && v !== null && v !== undefined ? MASK : maskSecrets(v);
  }
  return out as T;
}

/** Every non-empty value stored under a secret-looking key, for scrubbing free text. */
export function collectSecrets(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) collectSecrets(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (isSecretKey(key) && (typeof v === "string" || typeof v === "number") && String(v).length > 0) out.push(String(v));
      else collectSecrets(v, out);
    }
  }
  return out;
}

/** Replaces every occurrence of the given secrets in `text` with `***`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Very short values would mask ordinary text; real keys and tokens are long.
  for (const secret of secrets) if (secret.length >= 6) out = out.split(secret).join(MASK);
  return out;
}
