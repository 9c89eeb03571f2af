import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createTcpServer, type Server as TcpServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";
import { cliIn, expectClean, exportsOf, folders, QUICK, SECRET, STACK, WITH_KEY } from "./hostile.js";

const my = scratch();
const dirFor = folders();

const chunk = (text: string) => `data: ${JSON.stringify({ choices: [{ delta: { content: text } }] })}\n\n`;
type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** Lists the model "m", as an OpenAI server does. */
const listsModel: Handler = (_req, res) => {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ data: [{ id: "m" }] }));
};

/** A server on 127.0.0.1 answering chat requests with `post` and model lists with `get`. */
function serve(post: Handler, get: Handler = listsModel): Promise<string> {
  return my.listen(
    createServer((req, res) => {
      req.resume();
      req.on("end", () => (req.method === "GET" ? get : post)(req, res));
    }),
  );
}

const tcpServers: TcpServer[] = [];
afterAll(() => {
  for (const s of tcpServers) s.close();
});

/** A TCP server that answers any request with bytes that are not HTTP. */
async function garbage(): Promise<string> {
  const server = createTcpServer((socket) => socket.on("data", () => socket.end("\u0000\u00ff not http at all\r\n\r\n")));
  tcpServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

const echoKey =
  (status: number): Handler =>
  (req, res) => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}` } }));
  };

/**
 * Servers that misbehave after the pre-flight check: every request fails (exit 1) with the error
 * in words, or succeeds where the shape is one real servers send. `tokens` is what each of the
 * two requests measured.
 */
const servers: [name: string, start: () => Promise<string>, exitCode: number, errors: { message: string | RegExp; count: number }[], tokens?: number[]][] = [
  [
    "a 401 whose body echoes the api key",
    () => serve(echoKey(401)),
    1,
    [{ message: "HTTP 401 from POST /v1/chat/completions: Incorrect API key provided: Bearer ***", count: 2 }],
  ],
  [
    "a 400 whose body echoes the api key",
    () => serve(echoKey(400)),
    1,
    [{ message: "HTTP 400 from POST /v1/chat/completions: Incorrect API key provided: Bearer ***", count: 2 }],
  ],
  [
    "an SSE error event echoing the api key",
    () =>
      serve((req, res) => {
        res.setHeader("content-type", "text/event-stream");
        res.end(`${chunk("a")}event: error\ndata: ${JSON.stringify({ error: { message: `bad key ${req.headers.authorization}` } })}\n\n`);
      }),
    1,
    [{ message: "bad key Bearer ***", count: 2 }],
  ],
  ["bytes that are not HTTP", garbage, 1, [{ message: /^Response does not match the HTTP\/1\.1 protocol/, count: 2 }]],
  [
    "an event stream without a data event",
    () =>
      serve((_req, res) => {
        res.setHeader("content-type", "text/event-stream");
        res.end(": keep-alive\n\n");
      }),
    1,
    [{ message: "the event stream ended without a single data event", count: 2 }],
  ],
  [
    "a stream cut in the middle of an event",
    () =>
      serve((_req, res) => {
        res.setHeader("content-type", "text/event-stream");
        res.write(`${chunk("a")}data: {"choices":[{"del`, () => res.socket?.destroy());
      }),
    1,
    [{ message: "the server closed the connection in the middle of the response [UND_ERR_SOCKET]", count: 2 }],
  ],
  [
    "a server that never answers (request_timeout_ms bounds it)",
    () => serve(() => {}),
    1,
    [{ message: "no response headers within endpoint.request_timeout_ms [UND_ERR_HEADERS_TIMEOUT]", count: 2 }],
  ],
  ["a connection reset", () => serve((req) => req.socket.resetAndDestroy()), 1, [{ message: "the server reset the connection [ECONNRESET]", count: 2 }]],
  [
    "a body shorter than its content-length",
    () =>
      serve((_req, res) => {
        res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
        res.write('{"choices":', () => res.socket?.destroy());
      }),
    1,
    [{ message: "the server closed the connection in the middle of the response [UND_ERR_SOCKET]", count: 2 }],
  ],
  [
    "data lines that are not JSON",
    () =>
      serve((_req, res) => {
        res.setHeader("content-type", "text/event-stream");
        res.end("data: hello world\n\ndata: [DONE]\n\n");
      }),
    1,
    [{ message: "malformed response data: hello world", count: 2 }],
  ],
  [
    "a 3 MB error body (one line of it is kept)",
    () =>
      serve((_req, res) => {
        res.writeHead(500, { "content-type": "text/plain" });
        res.end(`first line\n${"y".repeat(3_000_000)}`);
      }),
    1,
    [{ message: "HTTP 500 from POST /v1/chat/completions: first line", count: 2 }],
  ],
  [
    "a single 5 MB SSE event",
    () =>
      serve((_req, res) => {
        res.setHeader("content-type", "text/event-stream");
        res.end(`${chunk("x".repeat(5 * 1024 * 1024))}data: [DONE]\n\n`);
      }),
    0,
    [],
    [1, 1],
  ],
  [
    "an SSE stream without a content-type",
    () =>
      serve((_req, res) => {
        res.removeHeader("content-type");
        res.end(`${chunk("a")}${chunk("b")}data: [DONE]\n\n`);
      }),
    0,
    [],
    [2, 2],
  ],
  [
    "an SSE stream split into one-byte writes",
    () =>
      serve((_req, res) => {
        res.setHeader("content-type", "text/event-stream");
        const body = `${chunk("a")}${chunk("b")}${chunk("c")}data: [DONE]\n\n`;
        for (const c of body) res.write(c);
        res.end();
      }),
    0,
    [],
    [3, 3],
  ],
];

describe("hostile servers: every request is accounted for, the run ends with its exports, no secret leaks", () => {
  it.each(servers)("%s", async (name, start, exitCode, errors, tokens) => {
    // Only the server that never answers needs a short limit; on a loaded machine a 5 MB event can
    // take longer than that to cross loopback, and a limit must never be what a case measures.
    const requestTimeoutMs = name.includes("request_timeout_ms bounds it") ? 500 : 60_000;
    const url = await start();
    const dir = dirFor("servers");
    const {
      results,
      exitCode: code,
      printed,
    } = await profileWith({
      // Bytes that are not HTTP fail the pre-flight check too (below): here the requests meet them.
      endpoint: { url, model: "m", api_key: SECRET, request_timeout_ms: requestTimeoutMs, preflight: start !== garbage },
      phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
      output: { dir, data_exporters: ["json", "csv", "records"], console_exporters: ["summary_table", "errors"] },
    });
    expect(code).toBe(exitCode);
    expect(results.errors).toEqual(errors.map((e) => ({ ...e, message: typeof e.message === "string" ? e.message : expect.stringMatching(e.message) })));
    // No measurement is lost: both requests are in the records, failed or not.
    expect(results.records).toHaveLength(2);
    if (tokens) expect([...results.records].map((r) => r.tokenNs.length)).toEqual(tokens);
    const exported = exportsOf(dir);
    expect(Object.keys(exported).sort()).toEqual(["profile_export.csv", "profile_export.json", "profile_records.jsonl"]);
    for (const text of [printed, JSON.stringify(results), ...Object.values(exported)]) expect(text).not.toContain(SECRET);
  });
});

describe("hostile servers at the pre-flight check: one coded error naming the URL, nothing sent", () => {
  it.each([
    [
      "an HTML page",
      (): Handler => (_req, res) => {
        res.setHeader("content-type", "text/html");
        res.end("<html><head><title>Sign in</title></head></html>");
      },
      "AIPERF_ENDPOINT_INVALID",
      /answered 200 with an HTML page \("Sign in"\): this is not an OpenAI-compatible API/,
    ],
    ["a 401 echoing the api key", () => echoKey(401), "AIPERF_ENDPOINT_INVALID", /answered 401: the server refused the credentials; check endpoint\.api_key/],
    [
      "a model list without the model",
      (): Handler => (_req, res) => {
        res.setHeader("content-type", "application/json");
        res.end(JSON.stringify({ data: [{ id: "mm" }, { id: "other" }] }));
      },
      "AIPERF_MODEL_NOT_FOUND",
      /mm/,
    ],
  ])("%s", async (_, get, code, message) => {
    let posts = 0;
    const url = await serve(() => posts++, get());
    const error = await profileWith({
      endpoint: { url, model: "m", api_key: SECRET },
      phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
      output: { dir: dirFor("preflight"), data_exporters: ["json"], console_exporters: [] },
    }).catch((e: unknown) => e as Error & { code: string });
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
    expect((error as Error).message).toContain(url);
    expect((error as Error).message).not.toContain(SECRET);
    expect(posts).toBe(0);
  });
});

describe("what a hostile server says reaches the terminal as text", () => {
  it("escape sequences in an error message are shown, not obeyed, and the echoed key is masked", async () => {
    const url = await serve((req, res) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `\u001b[2J\u001b]0;pwned\u0007 key ${req.headers.authorization}` } }));
    });
    const run = await cliIn(
      dirFor("escapes"),
      { "c.yaml": `${QUICK.replace("console_exporters: []", "console_exporters: [errors]")}${WITH_KEY}` },
      ["profile", "-c", "c.yaml", "--url", url, "--model", "m"],
      { OPENAI_API_KEY: SECRET },
    );
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain("\u001b");
    expect(run.stdout).not.toContain("\u0007");
    expect(run.stdout).toContain("\\x1b[2J\\x1b]0;pwned\\x07 key");
    expect(run.stdout).toContain("Bearer ***");
    expectClean(run);
  });

  it("a short api key (5 characters) that the server quotes back is in no file of the run and never printed", async () => {
    const key = "k3y9x";
    const url = await serve((req, res) => {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `invalid key ${req.headers["x-api-key"]} (${req.headers.authorization})` } }));
    });
    const run = await cliIn(dirFor("short-key"), {}, [
      "profile",
      "--url",
      url,
      "--set",
      "endpoint.preflight=false",
      "--set",
      `endpoint.api_key=${key}`,
      "-H",
      `X-Api-Key: ${key}`,
      "--concurrency",
      "1",
      "--requests",
      "2",
      "--set",
      "phases.warmup.requests=0",
      "--output",
      "out",
      "--ui",
      "none",
    ]);
    expect(run.code).toBe(1);
    // Every export was written and the echo reached them and the summary, masked: the check below is not vacuous.
    expect(Object.keys(run.exported)).toEqual(
      expect.arrayContaining(["profile_export.json", "profile_export_aiperf.json", "profile_export.jsonl", "profile_records.jsonl"]),
    );
    expect(JSON.parse(run.exported["profile_export.json"] ?? "{}").errors[0].message).toContain("invalid key *** (Bearer ***)");
    expect(run.stdout).toContain("invalid key ***");
    expectClean(run, key);
  });

  it("a 401 echoing the key at the pre-flight check: exit 1, coded error, no stack, no key", async () => {
    const url = await serve(() => {}, echoKey(401));
    const run = await cliIn(dirFor("preflight-cli"), { "c.yaml": `${QUICK}${WITH_KEY}` }, ["profile", "-c", "c.yaml", "--url", url, "--model", "m"], {
      OPENAI_API_KEY: SECRET,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error AIPERF_ENDPOINT_INVALID: GET http:\/\/127\.0\.0\.1:\d+\/v1\/models answered 401/);
    expect(run.stderr).not.toMatch(STACK);
    expectClean(run);
  });

  it("bytes that are not HTTP at the pre-flight check: AIPERF_ENDPOINT_UNREACHABLE naming the URL", async () => {
    const url = await garbage();
    const run = await cliIn(dirFor("garbage"), { "c.yaml": QUICK }, ["profile", "-c", "c.yaml", "--url", url, "--model", "m"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error AIPERF_ENDPOINT_UNREACHABLE: cannot reach ${url}`));
    expectClean(run);
  });

  it("URL credentials are masked when the server cannot be reached", async () => {
    const url = await serve(() => {});
    const port = new URL(url).port;
    const run = await cliIn(dirFor("creds"), { "c.yaml": QUICK }, [
      "profile",
      "-c",
      "c.yaml",
      "--url",
      `http://user:${SECRET}@127.0.0.1:1/?api_key=${SECRET}`,
      "--model",
      "m",
    ]);
    expect(port).not.toBe("1");
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error AIPERF_ENDPOINT_UNREACHABLE: cannot reach http:\/\/\*\*\*:\*\*\*@127\.0\.0\.1:1\//);
    expectClean(run);
  });
});
