import { existsSync, readdirSync, readlinkSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { runProfile } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterEach, describe, expect, it } from "vitest";
import { runFolderName } from "../../src/profiler/run/prepareRunDir.js";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { profileWith } from "../helpers/profileApp.js";

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
  for (const s of servers.splice(0)) s.close();
});

const small = (dir: string, extra: Record<string, unknown> = {}) => ({
  phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
  output: { dir, data_exporters: ["json", "csv"], console_exporters: [] },
  ...extra,
});

describe("every run keeps its results", () => {
  it("two runs leave two folders named after model, endpoint and load, and latest points at the second", async () => {
    const dir = tempDir("runs");
    dirs.push(dir);
    const first = await profileWith(small(dir));
    const second = await profileWith(small(dir, { timing: { strategy: "concurrency", concurrency: 3 } }));
    expect(first.dir).not.toBe(second.dir);
    expect(path.basename(first.dir)).toMatch(/^mock-model-openai_chat-concurrency8-\d{8}-\d{6}(-\d+)?$/);
    expect(path.basename(second.dir)).toMatch(/^mock-model-openai_chat-concurrency3-\d{8}-\d{6}(-\d+)?$/);
    for (const run of [first, second]) expect(readdirSync(run.dir).sort()).toEqual(["profile_export.csv", "profile_export.json"]);
    expect(readlinkSync(path.join(dir, "latest"))).toBe(path.basename(second.dir));
    expect(second.files.every((f) => f.startsWith(second.dir))).toBe(true);
  });

  it("a run that cannot reach its server leaves no folder behind, and latest still points at the last good run", async () => {
    const dir = tempDir("unreachable");
    dirs.push(dir);
    const out = path.join(dir, "out");
    const quick = ["--requests", "2", "--set", "phases.warmup.requests=0", "--output", out, "--ui", "none"];
    const unreachable = async () => {
      const run = await runCli(["profile", "--url", "http://127.0.0.1:1", ...quick], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/error AIPERF_ENDPOINT_UNREACHABLE/);
    };
    // The first run of all: not even the output folder it made stays.
    await unreachable();
    expect(existsSync(out)).toBe(false);
    expect((await runCli(["profile", ...quick], { cwd: dir })).code).toBe(0);
    const good = readlinkSync(path.join(out, "latest"));
    expect(readdirSync(path.join(out, good))).toContain("profile_export.json");
    await unreachable();
    expect(readlinkSync(path.join(out, "latest"))).toBe(good);
    expect(readdirSync(out).sort()).toEqual([good, "latest"].sort());
  });

  it("a failed first run into a nested --output removes every folder it made, not only the innermost", async () => {
    const dir = tempDir("nested");
    dirs.push(dir);
    const run = await runCli(["profile", "--url", "http://127.0.0.1:1", "--requests", "2", "--output", path.join(dir, "a", "b", "c"), "--ui", "none"], {
      cwd: dir,
    });
    expect(run.code).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a run stopped before its first request leaves no folder and does not move latest", async () => {
    const dir = tempDir("stopped");
    dirs.push(dir);
    const good = await profileWith(small(dir));
    const app = await createTestApp({ config: { ui: { type: "none" }, ...small(dir, { endpoint: { preflight: false } }) }, noCache: true });
    try {
      const stopped = await runProfile(app, { signal: AbortSignal.abort() });
      expect(stopped.exitCode).toBe(130);
      expect(stopped.files).toEqual([]);
      expect(existsSync(stopped.dir)).toBe(false);
    } finally {
      await app.dispose();
    }
    expect(readlinkSync(path.join(dir, "latest"))).toBe(path.basename(good.dir));
  });

  it("output.flat writes into the folder itself", async () => {
    const dir = tempDir("flat");
    dirs.push(dir);
    const run = await profileWith(small(dir, { output: { dir, flat: true, data_exporters: ["json"], console_exporters: [] } }));
    expect(run.dir).toBe(dir);
    expect(existsSync(path.join(dir, "profile_export.json"))).toBe(true);
  });

  it("an output folder that cannot be written fails before any request is sent", async () => {
    let posts = 0;
    const server = createServer((req, res) => {
      if (req.method === "POST") posts++;
      req.resume();
      res.writeHead(404).end();
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const dir = tempDir("blocked");
    dirs.push(dir);
    const file = path.join(dir, "a-file");
    writeFileSync(file, "");
    for (const bad of [path.join(file, "out"), path.join(dir, "x".repeat(300))]) {
      await expect(profileWith(small(bad, { endpoint: { url } }))).rejects.toMatchObject({
        code: "AIPERF_USAGE",
        message: expect.stringMatching(/cannot be written \((a path component is a file, not a folder|the name is too long)\); nothing was sent/),
      });
    }
    expect(posts).toBe(0);
  });

  it("folder names stay file-name safe whatever the model is called", () => {
    const name = runFolderName({
      model: "meta-llama/Llama-3.1 8B:instruct",
      endpoint: "openai_chat",
      load: "rate2.5",
      startedAt: new Date("2026-11-23T07:18:28Z"),
    });
    expect(name).toBe("meta-llama_Llama-3.1_8B_instruct-openai_chat-rate2.5-20261123-071828");
  });
});
