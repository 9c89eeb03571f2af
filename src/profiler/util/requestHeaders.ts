/**
 * The headers of one request, names in lower case: the client's own (`host`, `content-type`,
 * `accept`, the API key's `authorization`) with each replaced by the user's header of the same
 * name (names compare case-insensitively; `Host: api.example.com` on an IP address is virtual
 * hosting), then the user's others in their order. No name is ever sent twice. Does not check
 * the headers: that is httpHeaderProblem's rule.
 * @public
 */
export function requestHeaders(own: readonly (readonly [string, string])[], user: Readonly<Record<string, unknown>> = {}): [string, string][] {
  const merged = new Map<string, string>();
  for (const [name, value] of own) merged.set(name.toLowerCase(), value);
  // Map.set keeps an existing key's place: a replaced header stays where the client's was.
  for (const [name, value] of Object.entries(user)) merged.set(name.toLowerCase(), String(value));
  return [...merged];
}
