import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("zmq-lazy");
afterAll(() => removeDir(dir));

// A preload that reports, at exit, whether the process ever loaded the zeromq addon's package.
writeFiles(dir, {
  "report.cjs": `process.on("exit", () => {
  if (Object.keys(require.cache).some((k) => /node_modules[\\\\/]zeromq[\\\\/]/.test(k))) process.stderr.write("ZEROMQ LOADED\\n");
});`,
});

const run = (...extra: string[]) =>
  runCli(["profile", "--requests", "4", "--concurrency", "2", "--ui", "none", "--quiet", "--output", path.join(dir, "out"), ...extra], {
    env: { NODE_OPTIONS: `--require ${path.join(dir, "report.cjs")}` },
  });

it("a run that does not use ZeroMQ never loads it; a multiprocess run does", async () => {
  const plain = await run();
  expect(plain.code).toBe(0);
  expect(plain.stderr).not.toContain("ZEROMQ LOADED");
  const multi = await run("--workers", "1");
  expect(multi.code).toBe(0);
  expect(multi.stderr).toContain("ZEROMQ LOADED");
});
