import { escapeRegExp } from "../util/escapeRegExp.js";

/**
 * True when a config key names a secret: `api_key`, `token`, `secret`, `password`,
 * `authorization` as a whole word of the key (`access_token`, `clientSecret`), but not
 * `max_tokens` or `input_tokens_mean`.
 * @public
 */
export function isSecretKey(key: string): boolean {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_\-.\s]+/);
  if (words.some((w) => w === "token" || w === "secret" || w === "password" || w === "passwd" || w === "authorization" || w === "apikey")) return true;
  return words.some((w, i) => w === "api" && words[i + 1] === "key");
}

/**
 * The placeholder that replaces secret values.
 * @public
 */
export const MASK = "***";

// Query keys that carry credentials in URLs but are not secret-looking config keys.
const URL_SECRET_KEYS = new Set(["key", "sig", "signature", "auth", "credential", "jwt"]);

/**
 * True when a URL query parameter holds a credential: a secret-looking key (`api_key`, `token`)
 * or a name URLs use for one (`key`, `sig`, `X-Amz-Signature`, `X-Amz-Credential`). The one rule
 * for masking URLs (maskUrl, collectSecrets) and for removing such parameters (redactUrl).
 */
export function isSecretUrlParam(name: string): boolean {
  const lower = name.toLowerCase();
  return isSecretKey(name) || URL_SECRET_KEYS.has(lower) || /(^|[-_.])(signature|credential|sig|auth)$/.test(lower);
}

/** The parts of a URL that are secrets: its password, and the values of secret-looking query parameters. */
function urlSecrets(text: string): { url: URL; secrets: string[] } | undefined {
  if (!text.includes("://")) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const secrets: string[] = [];
  if (url.password) secrets.push(decodeURIComponent(url.password));
  if (url.username || url.password) {
    // Sent as HTTP Basic: a server that echoes its Authorization header quotes this form.
    const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    secrets.push(credentials, Buffer.from(credentials, "utf8").toString("base64"));
  }
  for (const [key, v] of url.searchParams) if (isSecretUrlParam(key) && v) secrets.push(v);
  return { url, secrets };
}

/**
 * A URL with its credentials and secret-looking query parameters masked
 * (`https://***:***@host/v1?api_key=***`); any other string is returned as is.
 * @public
 */
export function maskUrl(text: string): string {
  const found = urlSecrets(text);
  if (!found || (found.secrets.length === 0 && !found.url.username)) return text;
  const { url } = found;
  if (url.username) url.username = MASK;
  if (url.password) url.password = MASK;
  for (const key of [...url.searchParams.keys()]) if (isSecretUrlParam(key) && url.searchParams.get(key)) url.searchParams.set(key, MASK);
  return url.toString().replaceAll("%2A%2A%2A", MASK);
}

/**
 * A deep copy of `value` with every secret-looking key's non-empty value replaced by `***`, and URL credentials masked.
 * @public
 */
export function maskSecrets<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v)) as T;
  if (typeof value === "string") return maskUrl(value) as T;
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    out[key] = isSecretKey(key) && v !== "" && v !== null && v !== undefined ? MASK : maskSecrets(v);
  }
  return out as T;
}

/**
 * Every non-empty value stored under a secret-looking key (and every URL password or secret query value), for scrubbing free text.
 * @public
 */
export function collectSecrets(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(...(urlSecrets(value)?.secrets ?? []));
  else if (Array.isArray(value)) for (const v of value) collectSecrets(v, out);
  else if (value !== null && typeof value === "object") {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (isSecretKey(key) && (typeof v === "string" || typeof v === "number") && String(v).length > 0) out.push(String(v));
      else collectSecrets(v, out);
    }
  }
  return out;
}

/**
 * The shortest secret that is redacted. A value of one or two characters cannot be told from
 * ordinary text (masking `x` would mask every x printed) and protects nothing (a few thousand
 * guesses find it): it is the placeholder typed for a server without auth, not a key. From three
 * characters on, a configured secret is masked wherever it appears, even inside other words.
 */
const SHORTEST_REDACTED = 3;

/**
 * Below this length a secret is masked only where it stands as a word of its own: a placeholder
 * key such as `token` must not turn "Output tokens" into "Output ***s" in the summary table.
 */
const MASKED_INSIDE_WORDS = 8;

/** `secret` where no letter, digit or `_` touches it on either side. */
function asWord(secret: string): RegExp {
  return new RegExp(`(?<!\\w)${escapeRegExp(secret)}(?!\\w)`, "g");
}

/**
 * Replaces the given secrets of 3 characters or more in `text` with `***`: those of 8 or more
 * wherever they appear, shorter ones where they stand as a word of their own.
 * @public
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first: a secret inside a longer one (a key `k3y9x` in a token `k3y9x-7f3a9c21`) must
  // not mask its part of the longer one and leave the rest readable.
  const longestFirst = secrets.filter((s) => s.length >= SHORTEST_REDACTED).sort((a, b) => b.length - a.length);
  for (const secret of longestFirst) out = secret.length >= MASKED_INSIDE_WORDS ? out.split(secret).join(MASK) : out.replace(asWord(secret), MASK);
  return out;
}
