import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { createRng, inject, type MockServer, type MockServerOptions, type MockServerTiming, monotonicNs, PLUGIN_CONFIG, type Rng } from "aiperf";
import type { MockOpenAIServerConfig } from "./MockOpenAIServerConfig.js";

const WORDS = ["the", "quick", "brown", "fox", "jumps", "over", "a", "lazy", "dog", "and", "runs", "far", "away", "into", "woods"];

interface CompletionRequest {
  model?: string;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  max_tokens?: number;
  max_completion_tokens?: number;
  messages?: { content?: unknown }[];
  prompt?: unknown;
}

function countWords(text: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text.charCodeAt(i) <= 32;
    if (!space && !inWord) n++;
    inWord = !space;
  }
  return n;
}

function promptTokens(body: CompletionRequest): number {
  if (Array.isArray(body.messages)) return body.messages.reduce((n, m) => n + (typeof m.content === "string" ? countWords(m.content) : 0), 0);
  return typeof body.prompt === "string" ? countWords(body.prompt) : 0;
}

function sleepUntil(targetNs: number): Promise<void> {
  const ms = (targetNs - monotonicNs()) / 1e6;
  return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Built-in `mock_server`: an OpenAI-compatible server (`/v1/chat/completions`, `/v1/completions`,
 * `/v1/models`), streaming (SSE) or not, with configurable time to first token, inter-token
 * latency, output length and error rate (`endpoint.mock:`). Token i is scheduled at an absolute
 * time (start + ttft + i × itl), so timer lateness does not accumulate.
 */
export class MockOpenAIServer implements MockServer {
  private server: Server | undefined;
  private options: MockServerOptions = {};
  private rng: Rng = createRng(1);
  private readonly recorded: MockServerTiming[] = [];
  private readonly sockets = new Set<Socket>();
  private nextId = 0;

  constructor(@inject(PLUGIN_CONFIG) private readonly config: MockOpenAIServerConfig) {}

  async start(options: MockServerOptions = {}): Promise<{ url: string }> {
    if (this.server) throw new Error("the mock server is already started");
    this.options = options;
    this.rng = createRng(options.seed ?? 1);
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.json(res, 500, { error: { message: String(error), type: "server_error" } });
        else res.destroy();
      });
    });
    server.keepAliveTimeout = 65_000;
    server.on("connection", (socket) => {
      socket.setNoDelay(true);
      this.sockets.add(socket);
      socket.once("close", () => this.sockets.delete(socket));
    });
    this.server = server;
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    return { url: `http://${host}:${port}` };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  timings(): MockServerTiming[] {
    return this.recorded;
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedNs = monotonicNs();
    const url = req.url ?? "/";
    // Routed by path alone: a query string (Azure's `?api-version=`) reaches every request.
    const path = url.split("?", 1)[0];
    if (req.method === "GET" && path === "/v1/models") {
      this.json(res, 200, { object: "list", data: [{ id: "mock-model", object: "model", created: 0, owned_by: "aiperf" }] });
      return;
    }
    const chat = path === "/v1/chat/completions";
    if (req.method !== "POST" || (!chat && path !== "/v1/completions")) {
      this.json(res, 404, { error: { message: `no route ${req.method} ${url}`, type: "invalid_request_error" } });
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let body: CompletionRequest;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as CompletionRequest;
    } catch {
      this.json(res, 400, { error: { message: "request body is not valid JSON", type: "invalid_request_error" } });
      return;
    }
    if (this.config.error_rate > 0 && this.rng() < this.config.error_rate) {
      this.json(res, 500, { error: { message: "mock server error (error_rate)", type: "server_error" } });
      return;
    }
    const n = Math.max(1, Math.floor(body.max_tokens ?? body.max_completion_tokens ?? this.config.output_tokens));
    const usage = { prompt_tokens: promptTokens(body), completion_tokens: n, total_tokens: promptTokens(body) + n };
    const id = `cmpl-mock-${++this.nextId}`;
    const model = body.model ?? "mock-model";
    const firstAt = receivedNs + this.config.ttft_ms * 1e6;
    const itlNs = this.config.itl_ms * 1e6;
    const timing: MockServerTiming | undefined = this.options.recordTimings ? { receivedNs, tokenNs: [] } : undefined;
    if (timing) this.recorded.push(timing);

    if (!body.stream) {
      await sleepUntil(firstAt + (n - 1) * itlNs);
      const text = Array.from({ length: n }, (_, i) => WORDS[i % WORDS.length]).join(" ");
      timing?.tokenNs.push(monotonicNs());
      const choice = chat ? { index: 0, message: { role: "assistant", content: text }, finish_reason: "stop" } : { index: 0, text, finish_reason: "stop" };
      this.json(res, 200, { id, object: chat ? "chat.completion" : "text_completion", created: 0, model, choices: [choice], usage });
      return;
    }

    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
    let closed = false;
    res.once("close", () => {
      closed = true;
    });
    const object = chat ? "chat.completion.chunk" : "text_completion";
    const event = (choices: unknown[], extra?: object) => `data: ${JSON.stringify({ id, object, created: 0, model, choices, ...extra })}\n\n`;
    const piece = (i: number) => (i === 0 ? "" : " ") + WORDS[i % WORDS.length];
    const content = (i: number) =>
      chat ? event([{ index: 0, delta: { content: piece(i) }, finish_reason: null }]) : event([{ index: 0, text: piece(i), finish_reason: null }]);
    const instant = this.config.ttft_ms === 0 && this.config.itl_ms === 0;
    if (chat) res.write(event([{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }]));
    if (instant) res.cork();
    for (let i = 0; i < n && !closed; i++) {
      if (!instant) await sleepUntil(firstAt + i * itlNs);
      if (closed) break;
      timing?.tokenNs.push(monotonicNs());
      res.write(content(i));
    }
    if (closed) return;
    res.write(chat ? event([{ index: 0, delta: {}, finish_reason: "stop" }]) : event([{ index: 0, text: "", finish_reason: "stop" }]));
    if (body.stream_options?.include_usage) res.write(event([], { usage }));
    res.end("data: [DONE]\n\n");
  }
}
