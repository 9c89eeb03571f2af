import type { Endpoint, EndpointOptions, ParsedChunk, ProbeTarget, Turn } from "aiperf";
import { parseOpenAIPayload } from "./parseOpenAIPayload.js";
import { probeOpenAIServer } from "./probeOpenAIServer.js";

/** Built-in `openai_chat`: `POST /v1/chat/completions`. */
export class OpenAIChatEndpoint implements Endpoint {
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

  probe(target: ProbeTarget): Promise<void> {
    return probeOpenAIServer(target);
  }
}
