import { isSecretUrlParam } from "../../kernel/config/maskSecrets.js";

/**
 * A URL safe to print: without `user:password@` and without query parameters that look like
 * credentials (`api_key`, `token`, `key`, `sig`, `X-Amz-Signature`, …). Text that is not an
 * absolute URL is returned with anything before an `@` removed.
 * @public
 */
export function redactUrl(text: string): string {
  let url: URL | undefined;
  // Only `scheme://…` is a URL here: `user:pw@host` would otherwise parse with "user:" as its scheme.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    try {
      url = new URL(text);
    } catch {}
  }
  if (!url) return text.replace(/^([^/@]*\/\/)?[^/@]*@/, "$1");
  url.username = "";
  url.password = "";
  for (const name of [...url.searchParams.keys()]) if (isSecretUrlParam(name)) url.searchParams.delete(name);
  const out = url.toString();
  // URL adds "/" after a bare host; keep what the user typed.
  return /^[^:]+:\/\/[^/?#]*([?#]|$)/.test(text) ? out.replace(/^([^:]+:\/\/[^/?#]*)\//, "$1") : out;
}
