import { httpHeaderProblem, requestUrl } from "aiperf";

/** Request bytes kept for reuse, in total: a dataset's worth of bodies in the common case, bounded for huge ones. */
const CACHE_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * The bytes of each request, built once per distinct body: request line, headers,
 * `content-length` and body in one Buffer, written with one `socket.write`. The request target
 * is the base URL's path and query joined with the request's path by requestUrl. Senders reuse one
 * body string per dataset turn, so the cache is keyed by that string (a hit on the same string
 * object compares by identity); the oldest entries go once the cache holds 64 MiB.
 */
export class RequestBytes {
  /** Header lines common to every request, ending with "\r\n". */
  private readonly headerBlock: string;
  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;
  private cachedPath = "";
  private cachedTarget = "";

  /**
   * `headers` are every header but `content-length`, `host` included (requestHeaders). Throws on
   * a header that cannot be sent (httpHeaderProblem: the rule config validation applies first).
   */
  constructor(
    private readonly baseUrl: URL,
    headers: readonly (readonly [string, string])[],
  ) {
    let block = "";
    for (const [name, value] of headers) {
      const problem = httpHeaderProblem(name, value);
      if (problem !== undefined) throw new Error(`HTTP ${problem}`);
      block += `${name}: ${value}\r\n`;
    }
    this.headerBlock = block;
  }

  /** `POST path` with `body`, from the cache when this body was sent before. */
  post(path: string, body: string): Buffer {
    if (path !== this.cachedPath) {
      this.cache.clear();
      this.cachedBytes = 0;
      this.cachedPath = path;
      this.cachedTarget = this.target(path);
    }
    const hit = this.cache.get(body);
    if (hit !== undefined) return hit;
    const bytes = this.build("POST", this.cachedTarget, body);
    if (bytes.length <= CACHE_LIMIT_BYTES) {
      this.cache.set(body, bytes);
      this.cachedBytes += bytes.length;
      for (const [oldBody, old] of this.cache) {
        if (this.cachedBytes <= CACHE_LIMIT_BYTES) break;
        this.cache.delete(oldBody);
        this.cachedBytes -= old.length;
      }
    }
    return bytes;
  }

  /** `GET path`, not cached (prewarming only). */
  get(path: string): Buffer {
    return Buffer.from(`GET ${this.target(path)} HTTP/1.1\r\n${this.headerBlock}\r\n`, "latin1");
  }

  /** The request line's target (origin form: path and query) for `path` on the base URL. */
  private target(path: string): string {
    const url = requestUrl(this.baseUrl, path);
    return `${url.pathname}${url.search}`;
  }

  private build(method: string, target: string, body: string): Buffer {
    const bodyLength = Buffer.byteLength(body);
    const head = `${method} ${target} HTTP/1.1\r\n${this.headerBlock}content-length: ${bodyLength}\r\n\r\n`;
    // Its own memory, not a slice of Node's shared pool: cached buffers would pin pool slabs.
    const bytes = Buffer.allocUnsafeSlow(head.length + bodyLength);
    bytes.write(head, 0, "latin1");
    bytes.write(body, head.length, "utf8");
    return bytes;
  }
}
