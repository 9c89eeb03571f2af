import { monotonicNs, type Transport, type TransportDataHandler, type TransportOptions, type TransportRequest } from "aiperf";
import { Pool } from "undici";
import { SseParser } from "./SseParser.js";

/**
 * Built-in `http` transport on an undici Pool sized to the load. The API key goes in the
 * `Authorization: Bearer` header only; it is never logged or put into an error message.
 */
export class HttpTransport implements Transport {
  private pool: Pool | undefined;
  private headers: Record<string, string> = {};

  open(options: TransportOptions): void {
    const url = new URL(options.url);
    this.pool = new Pool(url.origin, {
      connections: options.connections,
      connectTimeout: options.connectTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      bodyTimeout: options.requestTimeoutMs,
      keepAliveTimeout: 60_000,
      pipelining: 1,
    });
    this.headers = { "content-type": "application/json", accept: "application/json, text/event-stream" };
    if (options.apiKey) this.headers.authorization = `Bearer ${options.apiKey}`;
    this.basePath = url.pathname.replace(/\/$/, "").replace(/\/v1$/, "");
  }

  private basePath = "";

  async send(request: TransportRequest, onData: TransportDataHandler): Promise<{ status: number; errorBody?: string }> {
    const pool = this.pool;
    if (!pool) throw new Error("transport is not open");
    const response = await pool.request({
      method: "POST",
      path: this.basePath + request.path,
      headers: this.headers,
      body: request.body,
      ...(request.signal ? { signal: request.signal } : {}),
    });
    const status = response.statusCode;
    response.body.setEncoding("utf8");
    if (status >= 400) {
      let text = "";
      for await (const chunk of response.body) text += chunk as string;
      return { status, errorBody: text.slice(0, 500) };
    }
    if (!request.streaming || !String(response.headers["content-type"] ?? "").includes("text/event-stream")) {
      let text = "";
      for await (const chunk of response.body) text += chunk as string;
      onData(text, monotonicNs());
      return { status };
    }
    let at = 0;
    const parser = new SseParser((data) => onData(data, at));
    for await (const chunk of response.body) {
      at = monotonicNs();
      parser.push(chunk as string);
    }
    if (parser.pending.trim().length > 0) throw new Error("the stream ended in the middle of an event");
    return { status };
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
  }
}
