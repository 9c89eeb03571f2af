/**
 * The `authorization` header the client sends of its own: `Bearer <endpoint.api_key>`, else HTTP
 * Basic from credentials in the URL (`http://user:pass@host`, as curl does), else none. A user's
 * own `Authorization` header replaces it (`requestHeaders`). The one rule for the pre-flight check
 * and the transport, so both authenticate the same way.
 * @public
 */
export function authorizationHeader(url: URL, apiKey: string | undefined): [string, string] | undefined {
  if (apiKey) return ["authorization", `Bearer ${apiKey}`];
  if (url.username === "" && url.password === "") return undefined;
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return ["authorization", `Basic ${Buffer.from(credentials, "utf8").toString("base64")}`];
}
