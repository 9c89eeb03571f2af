import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:https";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

/** A self-signed certificate for localhost, made with the openssl CLI. */
function selfSigned(dir: string): { key: Buffer; cert: Buffer; certFile: string } {
  const [key, cert] = [path.join(dir, "key.pem"), path.join(dir, "cert.pem")];
  const made = spawnSync("openssl", [
    "req",
    "-x509",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    key,
    "-out",
    cert,
    "-days",
    "1",
    "-subj",
    "/CN=localhost",
    "-addext",
    "subjectAltName=DNS:localhost",
  ]);
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return { key: readFileSync(key), cert: readFileSync(cert), certFile: cert };
}

describe.skipIf(!hasOpenssl)("https URLs", () => {
  it("speak TLS: an untrusted certificate fails in words, a trusted one serves requests on one kept-alive connection", async () => {
    const dir = tempDir("https");
    let connections = 0;
    const server = createServer(selfSigned(dir), (req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "text/event-stream" }).end('data: {"a":1}\n\ndata: [DONE]\n\n'));
    });
    server.on("secureConnection", () => connections++);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `https://localhost:${(server.address() as AddressInfo).port}`;
    const strict = new HttpTransport();
    strict.open({ url, connections: 1, connectTimeoutMs: 5000, requestTimeoutMs: 5000 });
    const trusting = new HttpTransport();
    trusting.open({ url, connections: 1, connectTimeoutMs: 5000, requestTimeoutMs: 5000 });
    const send = (t: HttpTransport, data: string[] = []) => t.send({ path: "/v1/chat/completions", body: "{}", streaming: true }, (d) => data.push(d));
    try {
      await expect(send(strict)).rejects.toThrow("self-signed certificate [DEPTH_ZERO_SELF_SIGNED_CERT]");
      const before = connections;
      // The documented escape hatch of Node's TLS (read at each connect), for this one transport's connection.
      process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
      for (let i = 0; i < 3; i++) {
        const data: string[] = [];
        expect((await send(trusting, data)).status).toBe(200);
        expect(data).toEqual(['{"a":1}', "[DONE]"]);
      }
      expect(connections - before).toBe(1);
    } finally {
      delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      await strict.close();
      await trusting.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      removeDir(dir);
    }
  });

  it("a profile run trusts a private CA given in NODE_EXTRA_CA_CERTS: the pre-flight check and every request pass", async () => {
    const dir = tempDir("https-ca");
    const tls = selfSigned(dir);
    const seen: string[] = [];
    const server = createServer(tls, (req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on("end", () => {
        res.setHeader("content-type", "application/json");
        if (req.method === "GET") res.end(JSON.stringify({ object: "list", data: [{ id: "private-model", object: "model" }] }));
        else res.end(JSON.stringify({ choices: [{ message: { role: "assistant", content: "hi there" } }], usage: { prompt_tokens: 3, completion_tokens: 2 } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `https://localhost:${(server.address() as AddressInfo).port}`;
    try {
      const args = ["profile", "--url", url, "--model", "private-model", "--requests", "3", "--concurrency", "1", "--no-streaming", "--ui", "none"];
      const run = (env: Record<string, string>) =>
        runCli([...args, "--output", path.join(dir, "out"), "--set", "phases.warmup.requests=0", "--set", "output.data_exporters=[json]"], { env });
      const untrusted = await run({});
      expect(untrusted.code).toBe(1);
      expect(untrusted.stderr).toContain("AIPERF_ENDPOINT_UNREACHABLE");
      expect(untrusted.stderr).toContain("self-signed certificate");
      const trusted = await run({ NODE_EXTRA_CA_CERTS: tls.certFile });
      expect(trusted.code).toBe(0);
      expect(trusted.stdout).toContain("Requests  3 sent, 3 completed, 0 errors");
      expect(seen.filter((s) => s.startsWith("POST"))).toHaveLength(3);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      removeDir(dir);
    }
  });
});
