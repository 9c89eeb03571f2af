import type { ParsedChunk } from "aiperf";
import { parseOpenAIPayload } from "./parseOpenAIPayload.js";

/** Two distinct probe texts: a literal that is the text source yields each back; any other literal cannot. */
const PROBES = ["\uE000aiperf\uE001", "\uE002probe\uE003"] as const;

/** Keys whose string value parseOpenAIPayload may take as the text (delta/message `content`, completions `text`). */
const KEYS = ['"content"', '"text"'] as const;

/** Templates learned in a row that matched nothing before being replaced, before learning slows down. */
const BARREN_LIMIT = 3;
/** Once learning has slowed down: one attempt per this many misses. */
const RETRY_EVERY = 32;

/**
 * The body of a string literal with no escapes, quotes or control characters is its own value:
 * the only case taken without JSON.parse. Returns -1 when such a character is present.
 */
function plainEnd(text: string, start: number, end: number): number {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c) return -1;
  }
  return end;
}

/** Index of the quote that closes the string literal opening at `open`, or -1. */
function literalEnd(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return i;
  }
  return -1;
}

function sameFields(a: ParsedChunk, b: ParsedChunk): boolean {
  return (
    a.reasoning === b.reasoning &&
    a.promptTokens === b.promptTokens &&
    a.completionTokens === b.completionTokens &&
    a.reasoningTokens === b.reasoningTokens &&
    a.error === b.error &&
    Object.keys(a).length === Object.keys(b).length
  );
}

/**
 * A fast path for OpenAI payloads, exactly equal to `parseOpenAIPayload(JSON.parse(data))`.
 * Consecutive chunks of a stream differ only in their content string: after a full parse, the
 * chunk is split around the string literal that was its text (`prefix`, literal, `suffix`), and
 * that split is proven by re-parsing the chunk with two other texts in that literal's place. A
 * later payload that starts with `prefix`, ends with `suffix` and has a plain literal in between
 * (no escape, quote or control character) tokenizes the same way, so it parses to the same
 * fields with that literal as its text: no JSON.parse, no objects but the result. Anything else
 * (escapes, another shape, malformed text) is left to the full parse, which then learns the new
 * shape; templates that never match stop being learned on every miss (a server whose chunks all
 * differ pays one extra parse per `RETRY_EVERY`).
 */
export class OpenAIChunkTemplate {
  private prefix = "";
  private suffix = "";
  /** The template's parse: every field but `text` is what a matching payload has. */
  private fields: ParsedChunk | undefined;
  /** The fields are only `text`: a match is `{ text }`. */
  private textOnly = false;
  /** Matches of the current template. */
  private hits = 0;
  /** Payloads read through a template, in all (tests check that the fast path is taken). */
  matched = 0;
  private barren = 0;
  private misses = 0;

  /** `parseOpenAIPayload(JSON.parse(data))`, through the template when `data` matches it. */
  parse(data: string): ParsedChunk {
    const fast = this.match(data);
    if (fast !== undefined) return fast;
    const parsed = parseOpenAIPayload(JSON.parse(data));
    this.learn(data, parsed);
    return parsed;
  }

  /** The parse of `data` when it matches the template, else undefined. */
  match(data: string): ParsedChunk | undefined {
    const fields = this.fields;
    if (fields === undefined) return undefined;
    const start = this.prefix.length;
    const end = data.length - this.suffix.length;
    // Slices compared with ===: far cheaper in V8 than startsWith on these lengths (measured).
    if (end < start || data.slice(end) !== this.suffix || data.slice(0, start) !== this.prefix || plainEnd(data, start, end) < 0) return undefined;
    this.hits++;
    this.matched++;
    const text = data.slice(start, end);
    return this.textOnly ? { text } : { ...fields, text };
  }

  /** After a full parse of `data` (which did not match): learns its shape, when it is worth trying. */
  learn(data: string, parsed: ParsedChunk): void {
    if (this.fields !== undefined) {
      this.barren = this.hits > 0 ? 0 : this.barren + 1;
      if (this.barren >= BARREN_LIMIT && ++this.misses % RETRY_EVERY !== 0) return;
    }
    this.fields = undefined;
    this.hits = 0;
    for (const key of KEYS) {
      for (let at = data.indexOf(key); at !== -1; at = data.indexOf(key, at + key.length)) {
        if (this.tryLiteral(data, at + key.length, parsed)) return;
      }
    }
  }

  /** Whether the value after a key (`from` is just past its closing quote) is the payload's text literal. */
  private tryLiteral(data: string, from: number, parsed: ParsedChunk): boolean {
    let i = from;
    while (isSpace(data.charCodeAt(i))) i++;
    if (data.charCodeAt(i) !== 0x3a) return false;
    i++;
    while (isSpace(data.charCodeAt(i))) i++;
    if (data.charCodeAt(i) !== 0x22) return false;
    const close = literalEnd(data, i);
    if (close === -1) return false;
    const prefix = data.slice(0, i + 1);
    const suffix = data.slice(close);
    for (const probe of PROBES) {
      let result: ParsedChunk;
      try {
        result = parseOpenAIPayload(JSON.parse(prefix + probe + suffix));
      } catch {
        return false;
      }
      if (result.text !== probe || !sameFields(result, parsed)) return false;
    }
    this.prefix = prefix;
    this.suffix = suffix;
    this.fields = parsed;
    this.textOnly = Object.keys(parsed).length === 1;
    return true;
  }
}

/** JSON whitespace. */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}
