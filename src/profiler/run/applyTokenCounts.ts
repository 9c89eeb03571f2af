import type { RequestRecord } from "../model/RequestRecord.js";
import type { Tokenizer } from "../protocols/Tokenizer.js";

/**
 * Settles a record's token counts where records are collected (off the request path), then drops
 * its texts. In order: the server's `usage` when `preferServer` (`--use-server-token-count`) and
 * the server sent one; the tokenizer's count of the content and reasoning texts; the server's
 * `usage`; else the record keeps its per-chunk counts. Input tokens with a tokenizer are the
 * job's (the prompt was built or counted with the same tokenizer); from the server, its
 * `prompt_tokens`. `record.usage` is kept either way, so the client/server discrepancy can be
 * computed. Safe to call twice (the second call finds no text and changes nothing).
 * @public
 */
export function applyTokenCounts(record: RequestRecord, tokenizer: Tokenizer | undefined, preferServer: boolean): void {
  const server = record.usage?.completionTokens !== undefined;
  const hasText = record.outputText !== undefined || record.reasoningText !== undefined;
  if (tokenizer && hasText && !(preferServer && server)) countWithTokenizer(record, tokenizer);
  else if (server && hasText) countFromUsage(record);
  // Last added first (see executeRequest): deleting an object's newest properties keeps its shape fast.
  delete record.reasoningText;
  delete record.outputText;
}

function countWithTokenizer(record: RequestRecord, tokenizer: Tokenizer): void {
  record.outputTokens = record.outputText ? tokenizer.count(record.outputText) : 0;
  if (record.reasoningText !== undefined) record.reasoningTokens = tokenizer.count(record.reasoningText);
  else delete record.reasoningTokens;
  record.tokenCountSource = "tokenizer";
}

function countFromUsage(record: RequestRecord): void {
  const usage = record.usage ?? {};
  const reasoning = usage.reasoningTokens;
  // `completion_tokens` includes reasoning tokens (OpenAI); outputTokens counts content only.
  record.outputTokens = Math.max(0, (usage.completionTokens ?? 0) - (reasoning ?? 0));
  if (reasoning !== undefined) record.reasoningTokens = reasoning;
  if (usage.promptTokens !== undefined) record.inputTokens = usage.promptTokens;
  record.tokenCountSource = "server";
}
