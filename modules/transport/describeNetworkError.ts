/**
 * What the network error codes mean to someone reading the results: Node's system codes, and the
 * `UND_ERR_*` codes the built-in client gives its own failures (undici's names, kept so the
 * messages people grep for did not change when the transport stopped using undici).
 */
const MEANINGS: Record<string, string> = {
  UND_ERR_HEADERS_TIMEOUT: "no response headers within endpoint.request_timeout_ms",
  UND_ERR_BODY_TIMEOUT: "the response body stalled for longer than endpoint.request_timeout_ms",
  UND_ERR_CONNECT_TIMEOUT: "could not connect within endpoint.connect_timeout_ms",
  UND_ERR_SOCKET: "the server closed the connection in the middle of the response",
  UND_ERR_CLOSED: "the connection pool was closed",
  UND_ERR_RESPONSE_EXCEEDED_MAX_SIZE: "the response was larger than allowed",
  ECONNREFUSED: "connection refused (is the server running on that host and port?)",
  ECONNRESET: "the server reset the connection",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed (temporary DNS failure)",
  EHOSTUNREACH: "host unreachable",
  ETIMEDOUT: "the connection timed out",
  EPIPE: "the server closed the connection while the request was being sent",
};

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  // Wrapped errors (a TLS or plugin transport's) carry the system error as a cause: look one or two down.
  for (let depth = 0; depth < 3 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** A network failure in words, with the code kept for searching: `connection refused (…) [ECONNREFUSED]`. */
export function describeNetworkError(error: unknown): string {
  const code = codeOf(error);
  const meaning = code ? MEANINGS[code] : undefined;
  if (meaning) return `${meaning} [${code}]`;
  const message = error instanceof Error ? error.message : String(error);
  return code && !message.includes(code) ? `${message} [${code}]` : message;
}
