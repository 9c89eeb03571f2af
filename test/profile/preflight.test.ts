import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const my = scratch();

/** A server on 127.0.0.1 that records what it receives and answers with `respond`. */
async function serve(respond: (req: Seen, res: ServerResponse) => void): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (d) => (body += d));
    req.on("end", () => {
      const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(entry);
      respond(entry, res);
    });
  });
  return { url: await my.listen(server), seen };
}

/** Answers like a tiny OpenAI server: lists `models`, completes chats with one non-streamed word. */
function openAiLike(models: string[]) {
  return (req: Seen, res: ServerResponse) => {
    res.setHeader("content-type", "application/json");
    if (req.method === "GET") res.end(JSON.stringify({ object: "list", data: models.map((id) => ({ id, object: "model" })) }));
    else res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: "hi" } }], usage: { prompt_tokens: 3, completion_tokens: 1 } }));
  };
}

const quick = (url: string, extra: Record<string, unknown> = {}) => {
  const dir = my.dir("preflight");
  return {
    endpoint: { url, model: "llama-3", streaming: false, ...extra },
    phases: { warmup: { requests: 0 }, profiling: { requests: 3 } },
    output: { dir, data_exporters: ["json"], console_exporters: [] },
  };
};

describe("pre-flight check and request options", () => {
  it("a server that answers HTML fails once before warm-up, naming the URL, and no request is sent", async () => {
    const { url, seen } = await serve((_req, res) => {
      res.setHeader("content-type", "text/html");
      res.end("<!doctype html><html><head><title>Welcome to nginx!</title></head></html>");
    });
    await expect(profileWith(quick(url))).rejects.toMatchObject({
      code: "AIPERF_ENDPOINT_INVALID",
      message: expect.stringContaining(`GET ${url}/v1/models answered 200 with an HTML page ("Welcome to nginx!")`),
    });
    expect(seen.map((s) => s.method)).toEqual(["GET"]);
  });

  it("a model the server does not list fails with the served ones and the closest match", async () => {
    const { url, seen } = await serve(openAiLike(["mistral-7b", "llama-3.1"]));
    await expect(profileWith(quick(url))).rejects.toMatchObject({
      code: "AIPERF_MODEL_NOT_FOUND",
      message: expect.stringContaining('does not serve model "llama-3". Did you mean "llama-3.1"? Served: llama-3.1, mistral-7b.'),
    });
    expect(seen.filter((s) => s.method === "POST")).toHaveLength(0);
  });

  it("nothing listening: one coded error naming the URL", async () => {
    const closed = createServer();
    const url = await my.listen(closed);
    await new Promise((resolve) => closed.close(resolve));
    await expect(profileWith(quick(url))).rejects.toMatchObject({
      code: "AIPERF_ENDPOINT_UNREACHABLE",
      message: expect.stringContaining(`cannot reach ${url}: connection refused`),
    });
  });

  it("a server that never answers its headers fails the check within endpoint.connect_timeout_ms, in words", async () => {
    const { url } = await serve(() => {}); // reads the request, never answers
    await expect(profileWith(quick(url, { connect_timeout_ms: 200 }))).rejects.toMatchObject({
      code: "AIPERF_ENDPOINT_UNREACHABLE",
      message: expect.stringContaining("no response headers within endpoint.connect_timeout_ms [UND_ERR_HEADERS_TIMEOUT]"),
    });
  });

  it("a model list far beyond 64 KiB is read only that far, and the run goes on", async () => {
    const models = ["llama-3", ...Array.from({ length: 20_000 }, (_, i) => `padding-model-${i}`)];
    const { url, seen } = await serve((req, res) => {
      res.setHeader("content-type", "application/json");
      if (req.method === "GET") res.end(JSON.stringify({ object: "list", data: models.map((id) => ({ id, object: "model" })) }));
      else openAiLike(["llama-3"])(req, res);
    });
    await profileWith(quick(url));
    expect(seen.filter((s) => s.method === "POST")).toHaveLength(3);
  });

  it("extra inputs and headers reach the server on every request; secret header values are masked in the export", async () => {
    const { url, seen } = await serve(openAiLike(["llama-3"]));
    const { exitCode, results } = await profileWith(
      quick(url, { extra_inputs: { ignore_eos: true, min_tokens: 8 }, headers: { "X-Test": "1", "X-Api-Key": "sk-test-abcdef123" } }),
    );
    expect(exitCode).toBe(0);
    const posts = seen.filter((s) => s.method === "POST");
    expect(posts).toHaveLength(3);
    for (const post of posts) {
      expect(JSON.parse(post.body)).toMatchObject({ model: "llama-3", ignore_eos: true, min_tokens: 8 });
      expect(post.headers["x-test"]).toBe("1");
      expect(post.headers["x-api-key"]).toBe("sk-test-abcdef123");
    }
    expect(JSON.stringify(results.config)).not.toContain("sk-test-abcdef123");
  });

  it("--extra-inputs and -H on the command line reach a recording server", async () => {
    const { url, seen } = await serve(openAiLike(["llama-3"]));
    const dir = my.dir("preflight-cli");
    const run = await runCli(
      [
        "profile",
        "--url",
        url,
        "--model",
        "llama-3",
        "--no-streaming",
        "--requests",
        "2",
        "--set",
        "phases.warmup.requests=0",
        "--output",
        dir,
        "--ui",
        "none",
      ].concat(["--extra-inputs", "ignore_eos:true", "--extra-inputs", "min_tokens:4", "-H", "X-Test: 1"]),
      { cwd: dir },
    );
    expect(run.code, run.stderr).toBe(0);
    const post = seen.find((s) => s.method === "POST");
    expect(JSON.parse(post?.body ?? "{}")).toMatchObject({ ignore_eos: true, min_tokens: 4 });
    expect(post?.headers["x-test"]).toBe("1");
  });

  it("--url that is not an http(s) URL exits 2 with a code, without quoting it", async () => {
    for (const bad of ["notaurl", "localhost:8000"]) {
      const run = await runCli(["profile", "--url", bad, "--ui", "none"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("error AIPERF_CONFIG_INVALID");
      expect(run.stderr).toContain('endpoint.url: "url" must be "embedded" or an http(s) URL');
      expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  });
});
