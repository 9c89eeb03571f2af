import { httpHeaderProblem } from "aiperf";
import { describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";
import { runCli } from "../helpers/cli.js";

describe("request headers (endpoint.headers, -H): one rule for config, the pre-flight check and the transport", () => {
  it("accepts tokens as names and visible text, spaces, tabs and Latin-1 as values", () => {
    expect(httpHeaderProblem("X-Team", "perf team\tA")).toBeUndefined();
    expect(httpHeaderProblem("x_trace.id~1", 42)).toBeUndefined();
    expect(httpHeaderProblem("X-Name", "café")).toBeUndefined();
  });

  it("names what is wrong without quoting the value", () => {
    expect(httpHeaderProblem("Bad Name", "x")).toContain('header name "Bad Name" is not an HTTP token');
    for (const value of ["a\r\nX-Injected: 1", "a\u0000b", "a\u0001b", "a\u007fb", "snow\u2603"]) {
      const problem = httpHeaderProblem("Authorization", value);
      expect(problem).toBe("header Authorization has a control character (or a character above U+00FF) in its value");
    }
    expect(httpHeaderProblem("X-List", ["a"])).toBe("header X-List must have a text value");
  });

  it("-H with a control character is a config error (exit 2) before anything is sent, and the value is never printed", async () => {
    const result = await runCli(["profile", "--url", "http://127.0.0.1:9", "--requests", "1", "--ui", "none", "-H", "X-Api-Key: sk-secret\u0001value"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("AIPERF_CONFIG_INVALID");
    expect(result.stderr).toContain("header X-Api-Key has a control character");
    expect(result.stdout + result.stderr).not.toContain("sk-secret");
  });

  it("the transport refuses the same header when it opens (a host embedding it without config validation)", () => {
    const transport = new HttpTransport();
    expect(() =>
      transport.open({ url: "http://127.0.0.1:9", connections: 1, connectTimeoutMs: 1000, requestTimeoutMs: 1000, headers: { "X-Trace": "a\nb" } }),
    ).toThrow("HTTP header x-trace has a control character");
  });
});
