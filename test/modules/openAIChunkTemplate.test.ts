import { createRng } from "aiperf";
import { describe, expect, it } from "vitest";
// A built-in's internals, tested directly: the fast path must give exactly the full parse.
import { OpenAIChatEndpoint } from "../../dist/modules/endpoints/OpenAIChatEndpoint.js";
import { OpenAIChunkTemplate } from "../../dist/modules/endpoints/OpenAIChunkTemplate.js";
import { parseOpenAIPayload } from "../../dist/modules/endpoints/parseOpenAIPayload.js";

type Outcome = { parsed: unknown } | { thrown: string };

function full(data: string): Outcome {
  try {
    return { parsed: parseOpenAIPayload(JSON.parse(data)) };
  } catch (error) {
    return { thrown: (error as Error).constructor.name };
  }
}

function fast(template: InstanceType<typeof OpenAIChunkTemplate>, data: string): Outcome {
  try {
    return { parsed: template.parse(data) };
  } catch (error) {
    return { thrown: (error as Error).constructor.name };
  }
}

/** Feeds every payload through one template and expects, payload by payload, the full parse (same keys, same order). */
function expectSame(payloads: string[]): number {
  const template = new OpenAIChunkTemplate();
  for (const data of payloads) {
    const a = fast(template, data);
    const b = full(data);
    expect(a, data).toEqual(b);
    if ("parsed" in a && "parsed" in b) expect(Object.keys(a.parsed as object), data).toEqual(Object.keys(b.parsed as object));
  }
  return template.matched;
}

const chunk = (content: string, extra = "") =>
  `{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":${JSON.stringify(content)}}${extra},"finish_reason":null}]}`;

describe("OpenAI chunk template (fast path of parseOpenAIPayload)", () => {
  it("reads a stream's usual chunks without a full parse, and equal to it", () => {
    const stream = [
      chunk("").replace('"delta":{', '"delta":{"role":"assistant",'),
      ...Array.from({ length: 20 }, (_, i) => chunk(`word${i} `)),
      chunk("").replace('"finish_reason":null', '"finish_reason":"stop"'),
      '{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"m","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":21,"total_tokens":28}}',
    ];
    expect(expectSame(stream)).toBeGreaterThanOrEqual(18);
  });

  it("equals the full parse for escapes, unicode, \\u sequences, quotes and control characters", () => {
    const texts = [
      "a\nb",
      'say "hi"',
      "back\\slash",
      "tab\there",
      "é ü 中文 🎉",
      "\u2028\u2029",
      "\ud83d",
      "\udc00x",
      "</script>",
      "",
      " ",
      "\u0000",
      "\u001f",
    ];
    const payloads = [chunk("plain")];
    for (const t of texts) payloads.push(chunk(t), chunk("plain"));
    // Literal escapes as servers write them (JSON.stringify would not write these).
    for (const raw of ["\\u0041", "\\u00e9\\n", "\\/", "\\ud83d\\ude00", "\\ud83d", "x\\\\"])
      payloads.push(chunk("plain").replace('"plain"', `"${raw}"`), chunk("plain"));
    expect(expectSame(payloads)).toBeGreaterThan(0);
  });

  it("falls back to the full parse, errors included, for malformed and truncated text", () => {
    const good = chunk("abc");
    const payloads = [good, good];
    for (let cut = 1; cut < good.length; cut++) payloads.push(good.slice(0, cut), good);
    payloads.push(
      chunk("abc").replace('"abc"', '"a"b"'),
      chunk("abc").replace('"abc"', '"a\nb"'),
      chunk("abc").replace('"abc"', '"a\\qb"'),
      chunk("abc").replace('"abc"', '"a\\u12"'),
      chunk("abc").replace('"abc"', '"a","content":"b"'),
      `${good} `,
      ` ${good}`,
      `${good}x`,
      `${good}}`,
      "null",
      "[]",
      "42",
      '"content"',
      "{}",
      good,
    );
    expectSame(payloads);
  });

  it("keeps usage, reasoning, errors and extra fields of the template in a match", () => {
    const shapes = [
      (t: string) => `{"choices":[{"delta":{"content":${JSON.stringify(t)},"reasoning_content":"think"}}]}`,
      (t: string) =>
        `{"choices":[{"delta":{"reasoning":"r","content":${JSON.stringify(t)}}}],"usage":{"prompt_tokens":3,"completion_tokens":5,"completion_tokens_details":{"reasoning_tokens":2}}}`,
      (t: string) => `{"choices":[{"delta":{"content":${JSON.stringify(t)}}}],"error":{"message":"boom"}}`,
      (t: string) => `{"choices":[{"delta":{"content":${JSON.stringify(t)}}}],"error":{"code":1}}`,
      (t: string) => `{"choices":[{"delta":{"content":${JSON.stringify(t)}}}],"error":"plain"}`,
      (t: string) => `{"choices":[{"text":${JSON.stringify(t)},"index":0,"logprobs":null}],"obfuscation":"xyz"}`,
      (t: string) => `{"choices":[{"message":{"role":"assistant","content":${JSON.stringify(t)}}}],"usage":{"prompt_tokens":1,"completion_tokens":2}}`,
      (t: string) => `{ "choices" : [ { "delta" : { "content" : ${JSON.stringify(t)} } } ] }`,
      (t: string) => `{\n  "choices": [{"delta": {"content": ${JSON.stringify(t)}}}]\n}`,
    ];
    for (const shape of shapes) expect(expectSame(["one", "two", "three", 'fo"ur', "five"].map(shape))).toBeGreaterThan(0);
  });

  it("never takes a literal that is not the text: other content keys, duplicates, other choices", () => {
    const payloads = [
      '{"id":"\\"content\\":\\"x","choices":[{"delta":{"content":"a"}}]}',
      '{"id":"\\"content\\":\\"x","choices":[{"delta":{"content":"b"}}]}',
      '{"choices":[{"delta":{"content":"a","content":"z"}}]}',
      '{"choices":[{"delta":{"content":"b","content":"z"}}]}',
      '{"choices":[{"delta":{"content":"z"}},{"delta":{"content":"a"}}]}',
      '{"choices":[{"delta":{"content":"z"}},{"delta":{"content":"b"}}]}',
      '{"choices":[{"delta":{"content":null},"message":{"content":"a"}}]}',
      '{"choices":[{"delta":{"content":null},"message":{"content":"b"}}]}',
      '{"choices":[{"delta":{"content":"a"}}],"error":{"content":"a"}}',
      '{"choices":[{"delta":{"content":"a"}}],"error":{"content":"b"}}',
      '{"choices":[{"delta":{"content":""}}],"error":{"content":"c"}}',
      '{"choices":[{"delta":{"content":"x"}}],"choices":[{"delta":{"content":"a"}}]}',
      '{"choices":[{"delta":{"content":"y"}}],"choices":[{"delta":{"content":"a"}}]}',
    ];
    expectSame(payloads);
  });

  it("equals the full parse on thousands of generated chunks (property test)", () => {
    const random = createRng(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    const alphabet = ["a", "b", " ", "é", "中", "🎉", '"', "\\", "\n", "\t", "\u0001", "\ud800", "/", "{", "}", ":", ","];
    const text = () => Array.from({ length: Math.floor(random() * 6) }, () => (random() < 0.8 ? pick(alphabet.slice(0, 6)) : pick(alphabet))).join("");
    const space = () => (random() < 0.8 ? "" : pick([" ", "\n", "\t", "  "]));
    const value = (t: string) => (random() < 0.9 ? JSON.stringify(t) : pick(["null", "1", "[]", "{}", "true", JSON.stringify(t).replace(/\\"/g, '"')]));
    const payload = () => {
      const fields: string[] = [];
      if (random() < 0.7) fields.push(`"id":${JSON.stringify(pick(["x", "chatcmpl-1", "y"]))}`);
      const inner: string[] = [];
      if (random() < 0.2) inner.push(`"role":"assistant"`);
      if (random() < 0.9) inner.push(`"content"${space()}:${space()}${value(text())}`);
      if (random() < 0.1) inner.push(`"reasoning_content":${value(text())}`);
      const key = pick(["delta", "delta", "delta", "message"]);
      const choice =
        random() < 0.1 ? `{"text":${value(text())}}` : `{"index":0,${space()}"${key}":{${inner.join(",")}}${random() < 0.3 ? ',"finish_reason":null' : ""}}`;
      if (random() < 0.9) fields.push(`"choices":[${random() < 0.05 ? "" : choice}]`);
      if (random() < 0.1) fields.push(`"usage":{"prompt_tokens":${Math.floor(random() * 9)},"completion_tokens":${Math.floor(random() * 9)}}`);
      if (random() < 0.05) fields.push(`"error":${pick(['{"message":"m"}', '"e"', "null", '{"content":"q"}'])}`);
      const json = `{${space()}${fields.join(`,${space()}`)}${space()}}`;
      return random() < 0.03 ? json.slice(0, Math.floor(random() * json.length)) : json;
    };
    // Streams of similar chunks (the template's case) and of unrelated ones.
    const payloads: string[] = [];
    for (let s = 0; s < 300; s++) {
      const base = payload();
      for (let i = 0; i < 15; i++)
        payloads.push(
          random() < 0.7 ? base.replace(/"content"(\s*):(\s*)"(?:[^"\\]|\\.)*"/, (_m, a, b) => `"content"${a}:${b}${JSON.stringify(text())}`) : payload(),
        );
    }
    expect(expectSame(payloads)).toBeGreaterThan(200);
  });

  it("is what the built-in endpoint uses, unless a subclass parses payloads its own way", () => {
    const endpoint = new OpenAIChatEndpoint();
    expect(endpoint.parseResponseText(chunk("hi"))).toEqual({ text: "hi" });
    expect(() => endpoint.parseResponseText("{")).toThrow(SyntaxError);
    class Upper extends OpenAIChatEndpoint {
      override parseResponse(payload: unknown) {
        const parsed = super.parseResponse(payload);
        return { ...parsed, text: parsed.text.toUpperCase() };
      }
    }
    const upper = new Upper();
    for (let i = 0; i < 3; i++) expect(upper.parseResponseText(chunk("hi"))).toEqual({ text: "HI" });
  });
});
