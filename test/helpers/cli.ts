import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./fixtures.js";

export const aiperfBin = path.join(repoRoot, "bin", "aiperf.js");

/** Runs the aiperf CLI to completion. */
export function runCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string | undefined> } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [aiperfBin, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts `aiperf mock-server` as its own process; resolves with its URL once it listens. */
export function startMockProcess(args: readonly string[]): Promise<{ url: string; child: ChildProcess; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [aiperfBin, "mock-server", "--port", "0", ...args], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let stopping = false;
    const exited = new Promise<void>((done) => child.once("close", () => done()));
    const stop = (): Promise<void> => {
      if (!stopping) {
        stopping = true;
        child.kill("SIGTERM");
      }
      return exited;
    };
    child.stderr.on("data", (d) => {
      stderr += d;
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match)
        resolve({
          url: match[1] as string,
          child,
          stop,
        });
    });
    child.once("close", (code) => {
      if (!stopping) reject(new Error(`mock server exited (${code}): ${stderr}`));
    });
  });
}
