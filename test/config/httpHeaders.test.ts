import path from "node:path";
import { ConfigInvalidError, httpHeaderProblem, loadProfilerConfig } from "aiperf";
import { describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";
import { headersToSet } from "../../dist/src/cli/requestFlags.js";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";
import { lengthResponse, rawServer } from "../transport/rawServer.js";

/**
 * The request heads (request line and headers) a concurrency-2 run of two requests sends with
 * `headers` to a raw TCP server: the pre-flight GET, two prewarm GETs and two POSTs.
 */
async function requestHeadsWith(headers: Record<string, string>, apiKey = "", userInfo = ""): Promise<string[]> {
  const server = await rawServer((socket, request) => {
    const body = request.head.startsWith("GET ")
      ? JSON.stringify({ object: "list", data: [{ id: "m", object: "model" }] })
      : JSON.stringify({ choices: [{ message: { role: "assistant", content: "hi" } }], usage: { prompt_tokens: 3, completion_tokens: 1 } });
    socket.write(lengthResponse(body));
  });
  const dir = tempDir("request-heads");
  try {
    const { exitCode } = await profileWith({
      endpoint: { url: userInfo ? server.url.replace("//", `//${userInfo}@`) : server.url, model: "m", streaming: false, api_key: apiKey, headers },
      timing: { strategy: "concurrency", concurrency: 2 },
      phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
      output: { dir, data_exporters: ["json"], console_exporters: [] },
    });
    expect(exitCode).toBe(0);
    return server.requests.map((r) => r.head);
  } finally {
    await server.stop();
    removeDir(dir);
  }
}

/** The message of the ConfigInvalidError that loading the config file at `config` throws. */
function configError(config: string): string {
  try {
    loadProfilerConfig({ config, env: {} });
  } catch (error) {
    if (error instanceof ConfigInvalidError) return error.message;
    throw error;
  }
  throw new Error("expected a ConfigInvalidError");
}

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

  it("-H 'Content-Length: 3' or 'Transfer-Encoding: chunked' is a config error (exit 2) naming the header, the flag and why, before anything is sent", async () => {
    for (const header of ["Content-Length: 3", "transfer-encoding: chunked"]) {
      const name = header.slice(0, header.indexOf(":"));
      const run = await runCli(["profile", "--url", "http://127.0.0.1:9", "--requests", "1", "--ui", "none", "-H", header]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(
        `error AIPERF_CONFIG_INVALID: Invalid config:\n  - --header: endpoint.headers: headers: header ${name} cannot be set: the client frames each request body itself`,
      );
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });

  it("refuses every header the client must write itself for framing and connections, in any case; Host and the others pass", () => {
    for (const name of ["Content-Length", "TRANSFER-ENCODING", "Connection", "keep-alive", "Proxy-Connection", "Upgrade", "te", "Trailer"]) {
      expect(httpHeaderProblem(name, "x")).toMatch(new RegExp(`^header ${name} cannot be set: the client `));
    }
    for (const name of ["Host", "Expect", "Content-Type", "Authorization", "X-Connection"]) expect(httpHeaderProblem(name, "x")).toBeUndefined();
  });

  it("a config file's endpoint.headers with a framing header, or one name twice in different cases, is an error at its line", () => {
    const dir = tempDir("headers");
    try {
      writeFiles(dir, {
        "framing.yaml": "endpoint:\n  url: http://127.0.0.1:9\n  headers:\n    Connection: close\n",
        "twice.yaml": "endpoint:\n  headers:\n    Host: a.example\n    host: b.example\n",
      });
      expect(configError(path.join(dir, "framing.yaml"))).toMatch(
        /framing\.yaml:3:3: endpoint\.headers: headers: header Connection cannot be set: the client manages its own keep-alive connections/,
      );
      expect(configError(path.join(dir, "twice.yaml"))).toContain("header host is given twice (as Host and host; header names ignore case): keep one");
    } finally {
      removeDir(dir);
    }
  });

  it("a later -H replaces an earlier one of the same name, whatever its case", () => {
    expect(headersToSet(["host: a.example", "X-Team: perf", "Host: b.example"])).toEqual(['endpoint.headers+={"X-Team":"perf","Host":"b.example"}']);
  });

  it("the transport refuses a framing header when it opens (a host embedding it without config validation)", () => {
    const transport = new HttpTransport();
    expect(() =>
      transport.open({ url: "http://127.0.0.1:9", connections: 1, connectTimeoutMs: 1000, requestTimeoutMs: 1000, headers: { "Content-Length": "3" } }),
    ).toThrow("HTTP header content-length cannot be set");
  });

  it("a Host header replaces the client's own on the pre-flight check, the prewarm and every request: one Host line, the user's value", async () => {
    const heads = await requestHeadsWith({ Host: "api.example.com" });
    // The pre-flight GET (Node's client), two prewarm GETs and two POSTs (the transport).
    expect(heads.map((head) => head.slice(0, head.indexOf(" ")))).toEqual(["GET", "GET", "GET", "POST", "POST"]);
    for (const head of heads) expect(head.match(/^host:.*$/gim)).toEqual([expect.stringMatching(/^host: api\.example\.com$/i)]);
  });

  it("credentials in the URL are sent as HTTP Basic on the pre-flight check, the prewarm and every request (as curl does)", async () => {
    const heads = await requestHeadsWith({}, "", "perf%40team:s3cr%3At");
    const basic = `Basic ${Buffer.from("perf@team:s3cr:t").toString("base64")}`;
    expect(heads).toHaveLength(5);
    for (const head of heads) expect(head.match(/^authorization:.*$/gim)).toEqual([`authorization: ${basic}`]);
  });

  it("an Authorization header replaces the one endpoint.api_key would add, everywhere: never two", async () => {
    const heads = await requestHeadsWith({ Authorization: "Bearer sk-user-header-654321" }, "sk-config-key-123456");
    expect(heads).toHaveLength(5);
    for (const head of heads) expect(head.match(/^authorization:.*$/gim)).toEqual([expect.stringMatching(/^authorization: Bearer sk-user-header-654321$/i)]);
  });
});
