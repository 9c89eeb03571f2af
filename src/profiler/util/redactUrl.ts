import { isSecretKey } from "../../kernel/config/maskSecrets.js";

// Query keys that carry credentials in URLs but are not secret-looking config keys.
const URL_SECRET_KEYS = new Set(["key", "sig", "signature", "auth", "credential", "jwt"]);

function isSecretParam(name: string): boolean {
  const lower = name.toLowerCase();
  return isSecretKey(name) || URL_SECRET_KEYS.has(lower) || /(^|[-_.])(signature|credential|sig|auth)$/.test(lower);
}

/**
 * A URL safe to print: without `user:password@` and without query parameters that look like
 * credentials (`api_key`, `token`, `key`, `sig`, `X-Amz-Signature`, …). Text that is not an
 * absolute URL is returned with anything before an `@` removed.
 * @public
 */
export function redactUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return text.replace(/^([^/@]*\/\/)?[^/@]*@/, "$1");
  }
  url.username = "";
  url.password = "";
  for (const name of [...url.searchParams.keys()]) if (isSecretParam(name)) url.searchParams.delete(name);
  let out = url.toString();
  // URL adds a trailing "/" to a bare origin; keep what the user typed.
  if (!text.endsWith("/") && url.pathname === "/" && !url.search && !url.hash) out = out.slice(0, -1);
  return out;
}
