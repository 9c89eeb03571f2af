/**
 * The URL a request for an endpoint path (`/v1/models`, `/v1/chat/completions`) goes to on the
 * configured base URL: the base's path without a trailing `/` or `/v1` (so `http://host:8000` and
 * `http://host:8000/v1/` both work), then `path`, then the base's query string (Azure's
 * `?api-version=…` must reach every request), never its fragment. The one rule for the
 * pre-flight check, prewarming and every request, so they cannot disagree on where they send.
 * @public
 */
export function requestUrl(baseUrl: string | URL, path: string): URL {
  const url = new URL(baseUrl);
  const mark = path.indexOf("?");
  const ownPath = mark === -1 ? path : path.slice(0, mark);
  const ownQuery = mark === -1 ? "" : path.slice(mark + 1);
  url.pathname = url.pathname.replace(/\/$/, "").replace(/\/v1$/, "") + ownPath;
  // Only touched when the path brings a query of its own: re-setting would re-encode the base's.
  if (ownQuery !== "") url.search = url.search === "" ? ownQuery : `${url.search.slice(1)}&${ownQuery}`;
  url.hash = "";
  return url;
}
