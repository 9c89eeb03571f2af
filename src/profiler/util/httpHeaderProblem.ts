/** RFC 9110 `token`: what a header name may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 field values: visible ASCII, space, tab and obs-text bytes; no other control character (Node's rule too). */
const BAD_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * What is wrong with one request header, or undefined when it can be sent. The one rule for
 * `endpoint.headers` (config and `-H`), the pre-flight check and the transport, so a header is
 * refused as config before anything is sent rather than failing each request. Never quotes the
 * value: header values are often credentials.
 * @public
 */
export function httpHeaderProblem(name: string, value: unknown): string | undefined {
  if (!TOKEN.test(name)) return `header name ${JSON.stringify(name.slice(0, 40))} is not an HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only)`;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return `header ${name} must have a text value`;
  if (BAD_VALUE_CHAR.test(String(value))) return `header ${name} has a control character (or a character above U+00FF) in its value`;
  return undefined;
}
