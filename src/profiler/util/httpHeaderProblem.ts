/** RFC 9110 `token`: what a header name may be. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** RFC 9110 field values: visible ASCII, space, tab and obs-text bytes; no other control character (Node's rule too). */
const BAD_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/;

const FRAMING = "the client frames each request body itself with content-length, and a second framing header makes a server misread where the body ends";
const HOP_BY_HOP = "the client manages its own keep-alive connections (a hop-by-hop header, RFC 9110 section 7.6.1)";

/**
 * Headers only the client may write (lower case), and why: the message framing of RFC 9112
 * section 6 and the connection-specific fields of RFC 9110 section 7.6.1. A user's copy would
 * contradict the client's own bytes (two lengths, chunked framing on a plain body) or change
 * the connection under it. `Host` is not here: the user's replaces the client's (virtual hosts).
 */
const CLIENT_OWNED: ReadonlyMap<string, string> = new Map([
  ["content-length", FRAMING],
  ["transfer-encoding", FRAMING],
  ["trailer", "the client sends no trailer fields: every request body has a content-length"],
  ["te", "the client reads only the transfer codings it knows (a hop-by-hop header, RFC 9110 section 7.6.1)"],
  ["connection", HOP_BY_HOP],
  ["keep-alive", HOP_BY_HOP],
  ["proxy-connection", HOP_BY_HOP],
  ["upgrade", "the client speaks HTTP/1.1 on every connection and never switches protocols"],
]);

/**
 * What is wrong with one request header, or undefined when it can be sent. The one rule for
 * `endpoint.headers` (config and `-H`), the pre-flight check and the transport, so a header is
 * refused as config before anything is sent rather than failing each request. Refuses the
 * headers the client must write itself for correct framing and connections (`Content-Length`,
 * `Transfer-Encoding`, `Connection`, …; names compare case-insensitively). Never quotes the
 * value: header values are often credentials.
 * @public
 */
export function httpHeaderProblem(name: string, value: unknown): string | undefined {
  if (!TOKEN.test(name)) return `header name ${JSON.stringify(name.slice(0, 40))} is not an HTTP token (letters, digits and !#$%&'*+-.^_\`|~ only)`;
  const owned = CLIENT_OWNED.get(name.toLowerCase());
  if (owned !== undefined) return `header ${name} cannot be set: ${owned}`;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") return `header ${name} must have a text value`;
  if (BAD_VALUE_CHAR.test(String(value))) return `header ${name} has a control character (or a character above U+00FF) in its value`;
  return undefined;
}
