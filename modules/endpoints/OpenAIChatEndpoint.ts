import type { Endpoint, EndpointOptions, ParsedChunk, ProbeTarget, Turn } from "aiperf";
import { OpenAIChunkTemplate } from "./OpenAIChunkTemplate.js";
import { parseOpenAIPayload } from "./parseOpenAIPayload.js";
import { probeOpenAIServer } from "./probeOpenAIServer.js";

/** Built-in `openai_chat`: `POST /v1/chat/completions`. */
export class OpenAIChatEndpoint implements Endpoint {
  /** Chunks of a stream share their shape: most are read without JSON.parse (see OpenAIChunkTemplate). */
  private readonly template = new OpenAIChunkTemplate();
  readonly path = "/v1/chat/completions";

  formatRequest(turn: Turn, options: EndpointOptions): Record<string, unknown> {
    return {
      model: options.model,
      messages: turn.messages,
      stream: options.streaming,
      ...(options.streaming ? { stream_options: { include_usage: true } } : {}),
      ...(turn.outputTokens ? { max_tokens: turn.outputTokens } : {}),
      // vLLM/SGLang/TensorRT-LLM fields: generate exactly max_tokens, so output lengths are the requested ones.
      ...(turn.ignoreEos && turn.outputTokens ? { ignore_eos: true, min_tokens: turn.outputTokens } : {}),
    };
  }

  parseResponse(payload: unknown): ParsedChunk {
    return parseOpenAIPayload(payload);
  }

  parseResponseText(data: string): ParsedChunk {
    // A subclass that parses payloads its own way keeps its way.
    if (this.parseResponse !== OpenAIChatEndpoint.prototype.parseResponse) return this.parseResponse(JSON.parse(data));
    return this.template.parse(data);
  }

  probe(target: ProbeTarget): Promise<void> {
    return probeOpenAIServer(target);
  }
}
