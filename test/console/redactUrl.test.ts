import { collectSecrets, maskUrl, redactUrl } from "aiperf";
import { describe, expect, it } from "vitest";

describe("redactUrl", () => {
  it("strips user and password", () => {
    expect(redactUrl("https://alice:s3cret@api.example.com/v1")).toBe("https://api.example.com/v1");
    expect(redactUrl("http://token@localhost:8000")).toBe("http://localhost:8000");
  });

  it("strips credential-looking query parameters and keeps the others", () => {
    expect(redactUrl("https://h.example/v1?api_key=abc&model=m&token=t&key=k&sig=s")).toBe("https://h.example/v1?model=m");
    expect(redactUrl("https://b.s3.example/o?X-Amz-Credential=c&X-Amz-Signature=s&X-Amz-Security-Token=t&X-Amz-Date=d")).toBe(
      "https://b.s3.example/o?X-Amz-Date=d",
    );
    expect(redactUrl("https://h.example/?access_token=a&apiKey=b")).toBe("https://h.example/");
  });

  it("leaves a clean URL as typed (no trailing slash added) and keeps max_tokens-like keys", () => {
    expect(redactUrl("http://localhost:8000")).toBe("http://localhost:8000");
    expect(redactUrl("http://localhost:8000/v1?max_tokens=5")).toBe("http://localhost:8000/v1?max_tokens=5");
  });

  it("text that is not an absolute URL loses anything before an @", () => {
    expect(redactUrl("embedded")).toBe("embedded");
    expect(redactUrl("user:pw@host:8000/v1")).toBe("host:8000/v1");
  });

  it("maskUrl masks, and the output scrubber collects, the same credential parameters redactUrl removes", () => {
    const url = "https://h.example/v1?api-version=1&key=k-123456&sig=s-123456&X-Amz-Signature=x-123456&api_key=a-123456";
    expect(maskUrl(url)).toBe("https://h.example/v1?api-version=1&key=***&sig=***&X-Amz-Signature=***&api_key=***");
    expect(collectSecrets({ endpoint: { url } })).toEqual(["k-123456", "s-123456", "x-123456", "a-123456"]);
  });
});
