/**
 * The status of our own prefix of an HTTP error (`HTTP 503 from POST /v1/…: …`, see
 * executeRequest): it tells failures apart, where the numbers of a body (`req 21`, `700 tokens`) vary.
 */
const HTTP_STATUS = /^HTTP \d{3} /;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX = /\b0x[0-9a-f]+\b/gi;
/** `2026-11-23T07:18:28.123Z`, `2026-11-23 07:18`, `07:18:28`; not the date in a model's name (`gpt-4o-2024-08-06`). */
const TIMESTAMP = /(?<![\w.\-/:])(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?|\d{2}:\d{2}:\d{2}(?:\.\d+)?)(?:Z|[+-]\d{2}:?\d{2})?/g;
/** `20`, `0.5`, `30,000`. */
const NUM = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?`;
/** Glued to a number: `20s`, `250ms`, `6m0s` (with the next number), `32k`, `4GiB`, `95%`. */
const UNIT = "(?:[nuµm]?s|[mhd]|[kKMGT]i?B?|%)";
/**
 * A number standing on its own (`req 21`, `requested 5000 tokens`, `try again in 6m0s`), not part
 * of a name, a version or an address (`gpt-4o`, `llama-3.1-8b`, `/v1/`, `vLLM 0.6.3`, `:8000`).
 */
const NUMBER = new RegExp(String.raw`(?<![\w.\-/:])${NUM}(?:${UNIT}(?:${NUM}${UNIT})*)?(?![\w\-/]|\.\d)`, "g");
/**
 * Request ids, trace ids, hashes: runs of 8+ letters mixed with digits (`chatcmpl-9fA8b7C6d5`,
 * `req_8f3a9c21e8b7`) or of 10+ digits (`req_1712345678`), not the parts of a model's name
 * (`Meta-Llama-3.1-8B`, `claude-3-5-sonnet-20241022`).
 */
const ID = /(?<![A-Za-z0-9])(?:(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{8,}|\d{10,})(?![A-Za-z0-9])/g;

/**
 * The template of an error message, for grouping: ids, hashes, times and numbers become
 * placeholders, so a server that puts a request id or a count in every message still gives one
 * group, while the HTTP status of our prefix and the names in a message (models, paths) stay.
 */
export function errorGroupKey(message: string): string {
  const status = HTTP_STATUS.exec(message)?.[0] ?? "";
  return status + templateOf(message.slice(status.length));
}

function templateOf(text: string): string {
  return text.replace(UUID, "<uuid>").replace(HEX, "<hex>").replace(TIMESTAMP, "<time>").replace(NUMBER, "<n>").replace(ID, "<id>");
}
