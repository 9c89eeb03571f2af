import { collectSecrets, redact } from "aiperf";
import { describe, expect, it } from "vitest";

describe("secrets a server quotes back are masked in the text aiperf shows and writes", () => {
  it("a configured key of three characters or more is masked, even inside other text", () => {
    const secrets = collectSecrets({ endpoint: { api_key: "k3y", headers: { "X-Api-Key": "k3y9x" } } });
    expect(redact("invalid key k3y9x (Bearer k3y), key=k3y;", secrets)).toBe("invalid key *** (Bearer ***), key=***;");
  });

  it("a key of one or two characters is left in the text: it cannot be told from ordinary letters", () => {
    expect(redact("max latency 12 ms", collectSecrets({ endpoint: { api_key: "x", token: "12" } }))).toBe("max latency 12 ms");
  });

  it("a short key is masked where it stands as a word, not inside the summary's words (a key `token` left 'Output ***s')", () => {
    const secrets = collectSecrets({ endpoint: { api_key: "token" } });
    expect(redact("Output tokens per request (tokens); no tokenizer", secrets)).toBe("Output tokens per request (tokens); no tokenizer");
    expect(redact("401: invalid key 'token' (Bearer token)", secrets)).toBe("401: invalid key '***' (Bearer ***)");
  });

  it("URL credentials are masked in the HTTP Basic form a server echoes back too", () => {
    const secrets = collectSecrets({ endpoint: { url: "http://bob:Hunter2Secret@127.0.0.1:8000/v1" } });
    const basic = Buffer.from("bob:Hunter2Secret").toString("base64");
    expect(redact(`401: bad Authorization "Basic ${basic}" for bob:Hunter2Secret`, secrets)).toBe('401: bad Authorization "Basic ***" for ***');
  });

  it("a key inside a longer secret does not leave the rest of the longer one readable", () => {
    const secrets = collectSecrets({ endpoint: { api_key: "k3y9x7q", headers: { Authorization: "k3y9x7q-7f3a9c21" } } });
    expect(redact("token k3y9x7q-7f3a9c21 refused", secrets)).toBe("token *** refused");
  });
});
