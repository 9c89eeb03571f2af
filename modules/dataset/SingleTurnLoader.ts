import { APP_CONFIG, type AppConfig, type ChatMessage, type CustomDatasetLoader, inject, LOGGER, type Logger, type Turn } from "aiperf";
import { loadJsonlTurns, positiveInt } from "./readJsonl.js";

function words(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * Built-in `single_turn`: JSONL of `{"text": "..."}` or `{"messages": [{"role", "content"}]}`,
 * with an optional `output_length` (sent as max_tokens). Every bad line is reported as file:line.
 */
export class SingleTurnLoader implements CustomDatasetLoader {
  constructor(
    @inject(APP_CONFIG) private readonly config: AppConfig,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  load(file: string): Promise<Turn[]> {
    return loadJsonlTurns(file, this.config.dataset.skip_invalid_lines, this.logger, (row, problems) => {
      const { text, messages } = row.value;
      let chat: ChatMessage[] | undefined;
      if (typeof text === "string" && text.trim() !== "" && messages === undefined) chat = [{ role: "user", content: text }];
      else if (Array.isArray(messages) && messages.length > 0 && messages.every((m) => typeof m?.role === "string" && typeof m?.content === "string"))
        chat = messages as ChatMessage[];
      else {
        problems.add(row.line, 'expected "text" (a non-empty string) or "messages" (a non-empty list of {role, content} strings)');
        return undefined;
      }
      const outputLength = positiveInt(row, "output_length", problems, true);
      if (row.value.output_length !== undefined && outputLength === undefined) return undefined;
      return {
        id: `line-${row.line}`,
        messages: chat,
        inputTokens: chat.reduce((n, m) => n + words(m.content), 0),
        ...(outputLength === undefined ? {} : { outputTokens: outputLength }),
      };
    });
  }
}
