import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { aiperfBin } from "../helpers/cli.js";
import { repoRoot } from "../helpers/fixtures.js";

/** A CLI process whose stderr can be awaited for a line, and whose exit can be awaited. */
export interface Proc {
  child: ChildProcess;
  pid: number;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code (or the signal's name) once the process has exited. */
  exited: Promise<number | string>;
  /** Resolves with the first match of `pattern` in stderr (now or later); rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>;
}

/** Every process a test file started, killed in `afterAll` if still running. */
const started: Proc[] = [];

/** Runs `aiperf <args>` as a child process. */
export function spawnAiperf(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Proc {
  const child = spawn(process.execPath, [aiperfBin, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const watchers: { pattern: RegExp; resolve: (m: RegExpMatchArray) => void; reject: (e: Error) => void }[] = [];
  let done = false;
  const check = () => {
    for (const w of [...watchers]) {
      const match = stderr.match(w.pattern);
      if (match) {
        watchers.splice(watchers.indexOf(w), 1);
        w.resolve(match);
      } else if (done) {
        watchers.splice(watchers.indexOf(w), 1);
        w.reject(new Error(`aiperf ${args[0]} exited before printing ${w.pattern}:\n${stderr}`));
      }
    }
  };
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => {
    stderr += d;
    check();
  });
  const exited = new Promise<number | string>((resolve) =>
    child.once("close", (code, signal) => {
      done = true;
      check();
      resolve(code ?? signal ?? "unknown");
    }),
  );
  const proc: Proc = {
    child,
    pid: child.pid as number,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        watchers.push({ pattern, resolve, reject });
        check();
      });
    },
  };
  started.push(proc);
  return proc;
}

/** Starts `aiperf profile -c config` as a distributed controller; resolves with its port once it listens. */
export async function startController(config: string, cwd: string, extra: readonly string[] = []): Promise<{ proc: Proc; port: string }> {
  const proc = spawnAiperf(["profile", "-c", config, "--ui", "none", ...extra], { cwd });
  const match = await proc.waitFor(/waiting for \d+ worker\(s\) at tcp:\/\/[^:]+:(\d+)/);
  return { proc, port: match[1] as string };
}

/** Starts `aiperf worker --controller tcp://127.0.0.1:PORT`. */
export function startWorker(port: string, extra: readonly string[] = [], env?: Record<string, string | undefined>): Proc {
  return spawnAiperf(["worker", "--controller", `tcp://127.0.0.1:${port}`, ...extra], env ? { env } : {});
}

/** Whether a process id still names a live process. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** A TCP port nobody listens on right now (for a worker started before its controller). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Kills whatever a test left running and waits for it to go. */
export async function killAll(): Promise<void> {
  await Promise.all(
    started.splice(0).map(async (p) => {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill("SIGKILL");
      await p.exited;
    }),
  );
}
