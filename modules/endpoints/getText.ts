import http from "node:http";
import https from "node:https";

/** One small answer: status, content type and up to `limit` characters of the body. */
export interface TextAnswer {
  status: number;
  type: string;
  body: string;
}

/** What getText needs: headers, a limit on waiting for each step, a limit on the body kept. */
export interface GetTextOptions {
  headers: Record<string, string>;
  timeoutMs: number;
  /** The setting `timeoutMs` comes from, named in the timeout's message. */
  timeoutName: string;
  limit: number;
  signal?: AbortSignal | undefined;
}

/** The words and the code (undici's name, which people search for) of each step's timeout. */
const TIMEOUTS = {
  headers: (setting: string) => new Error(`no response headers within ${setting} [UND_ERR_HEADERS_TIMEOUT]`),
  body: (setting: string) => new Error(`the response body stalled for longer than ${setting} [UND_ERR_BODY_TIMEOUT]`),
};

/**
 * `GET url` with Node's own client, for the pre-flight check (one request, not the hot path: no
 * connection pool or library is loaded for it). The socket may be idle at most `timeoutMs` before
 * the headers and between body reads; past `limit` characters the rest of the body is not read.
 */
export function getText(url: string, options: GetTextOptions): Promise<TextAnswer> {
  const client = url.startsWith("https:") ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(url, { method: "GET", headers: options.headers, ...(options.signal ? { signal: options.signal } : {}) });
    let step: keyof typeof TIMEOUTS = "headers";
    req.setTimeout(options.timeoutMs, () => req.destroy(TIMEOUTS[step](options.timeoutName)));
    req.on("error", reject);
    req.on("response", (res) => {
      step = "body";
      res.setEncoding("utf8");
      let body = "";
      const done = () => {
        resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), body: body.slice(0, options.limit) });
        req.destroy();
      };
      res.on("data", (piece: string) => {
        body += piece;
        if (body.length >= options.limit) done();
      });
      res.on("end", done);
      res.on("error", reject);
    });
    req.end();
  });
}
