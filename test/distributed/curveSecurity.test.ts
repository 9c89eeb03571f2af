import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { distributedConfig } from "./configFile.js";
import { freePort, killAll, spawnAiperf, startController, startWorker } from "./harness.js";

const dir = tempDir("distributed-curve");
afterAll(async () => {
  await killAll();
  removeDir(dir);
});

describe("CURVE security beyond loopback", () => {
  it("aiperf worker keygen writes a keypair readable by its owner only, and never prints it", async () => {
    const { code, stdout, stderr } = await runCli(["worker", "keygen", "--out", path.join(dir, "good")]);
    expect(code).toBe(0);
    for (const file of ["good.key", "good.pub"]) expect(statSync(path.join(dir, file)).mode & 0o777).toBe(0o600);
    const secret = /secret: (\S+)/.exec(readFileSync(path.join(dir, "good.key"), "utf8"))?.[1] as string;
    const pub = /public: (\S+)/.exec(readFileSync(path.join(dir, "good.pub"), "utf8"))?.[1] as string;
    expect(secret).toHaveLength(40);
    expect(`${stdout}${stderr}`).not.toContain(secret);
    expect(`${stdout}${stderr}`).not.toContain(pub);
    expect((await runCli(["worker", "keygen", "--out", path.join(dir, "good")])).stderr).toContain("AIPERF_CURVE_KEY_EXISTS");
  });

  it("refuses to bind beyond loopback without keys", async () => {
    const config = distributedConfig(path.join(dir, "nokey"), { service_manager: { bind: "tcp://0.0.0.0:*", workers: 1 } });
    const { code, stderr } = await runCli(["profile", "-c", config, "--ui", "none"], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain("AIPERF_DISTRIBUTED_INSECURE_BIND");
  });

  it("a worker with the wrong key cannot join, the controller logs the refusal, and one with the right key runs", async () => {
    await runCli(["worker", "keygen", "--out", path.join(dir, "wrong")]);
    const config = distributedConfig(path.join(dir, "run"), {
      service_manager: { bind: "tcp://0.0.0.0:*", workers: 1, curve_key_file: path.join(dir, "good.key") },
      phases: { warmup: { requests: 0 }, profiling: { requests: 5 } },
    });
    const { proc: controller, port } = await startController(config, dir);
    const intruder = startWorker(port, ["--key-file", path.join(dir, "wrong.key"), "--join-timeout", "3s"]);
    await controller.waitFor(/refused a worker connecting to .*CURVE/);
    expect(await intruder.exited).toBe(1);
    expect(intruder.stderr).toContain("AIPERF_WORKER_JOIN_TIMEOUT");
    const keyless = startWorker(port, ["--join-timeout", "3s"]);
    expect(await keyless.exited).toBe(1);
    const worker = startWorker(port, ["--key-file", path.join(dir, "good.key")]);
    expect(await controller.exited).toBe(0);
    expect(await worker.exited).toBe(0);
    const secret = /secret: (\S+)/.exec(readFileSync(path.join(dir, "good.key"), "utf8"))?.[1] as string;
    for (const p of [controller, intruder, worker]) expect(`${p.stdout}${p.stderr}`).not.toContain(secret);
  });
});

describe("joining", () => {
  it("names how many workers joined when the wait runs out", async () => {
    // The worker starts first and waits for its controller, so it has joined long before the timeout.
    const port = String(await freePort());
    const worker = startWorker(port);
    await worker.waitFor(/connecting to/);
    const config = distributedConfig(path.join(dir, "join"), { service_manager: { bind: `tcp://127.0.0.1:${port}`, workers: 2, join_timeout_ms: 5000 } });
    const controller = spawnAiperf(["profile", "-c", config, "--ui", "none"], { cwd: dir });
    expect(await controller.exited).toBe(1);
    expect(controller.stderr).toMatch(/AIPERF_DISTRIBUTED_JOIN_TIMEOUT: only 1 of 2 worker\(s\) joined tcp:\/\/127\.0\.0\.1:\d+ within 5000 ms/);
    expect(await worker.exited).toBe(0);
  });
});
