/** An Error carrying a `code`, the shape `describeNetworkError` reads (Node's system errors have it too). */
export function codedError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A response that is not HTTP/1.1, worded as undici worded it (users and tests grep the prefix). */
export function protocolError(code: string, reason: string): Error {
  return codedError(code, `Response does not match the HTTP/1.1 protocol (${reason})`);
}
