import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** Whether the `tmux` binary is on the PATH. */
export const hasTmux = spawnSync("tmux", ["-V"], { stdio: "ignore" }).status === 0;

/** Quotes one word for `sh`. */
export const shellQuote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

let sessions = 0;

/**
 * A command running in a real pseudo-terminal: a tmux server of its own (its own socket, no user
 * config), one pane of a fixed size. The command is followed by an exit marker and a sleep so the
 * pane, and what the command left on it, outlive the command.
 */
export class TmuxPane {
  static readonly EXIT_MARKER = "__AIPERF_TEST_EXIT__";
  // A socket path of our own, removed on kill (tmux leaves its socket file behind).
  private readonly socket = path.join(os.tmpdir(), `aiperf-test-tmux-${process.pid}-${sessions++}`);

  constructor(command: string, size: { columns: number; rows: number } = { columns: 80, rows: 30 }) {
    const script = `${command}; echo ${TmuxPane.EXIT_MARKER} $?; sleep 600`;
    this.tmux(["-f", "/dev/null", "new-session", "-d", "-x", String(size.columns), "-y", String(size.rows), script]);
  }

  private tmux(args: readonly string[]): string {
    const result = spawnSync("tmux", ["-S", this.socket, ...args], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`tmux ${args.join(" ")}: ${result.stderr}`);
    return result.stdout;
  }

  /** The whole pane with its history; `join` undoes the terminal's wrapping of long lines, `escapes` keeps colours. */
  capture(options: { join?: boolean; escapes?: boolean } = {}): string {
    return this.tmux(["capture-pane", "-p", "-S", "-", "-E", "-", ...(options.join ? ["-J"] : []), ...(options.escapes ? ["-e"] : [])]);
  }

  /** Polls the pane until `pattern` shows (a bound on waiting, not a timing assumption). */
  async waitFor(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = this.capture({ join: true });
      if (pattern.test(text)) return text;
      if (Date.now() > deadline) throw new Error(`tmux pane never showed ${pattern}:\n${text}`);
      await sleep(100);
    }
  }

  /** Waits for the command to end; its exit code. */
  async exitCode(timeoutMs = 60_000): Promise<number> {
    const text = await this.waitFor(new RegExp(`${TmuxPane.EXIT_MARKER} \\d+`), timeoutMs);
    return Number(new RegExp(`${TmuxPane.EXIT_MARKER} (\\d+)`).exec(text)?.[1]);
  }

  sendKeys(...keys: string[]): void {
    this.tmux(["send-keys", ...keys]);
  }

  kill(): void {
    spawnSync("tmux", ["-S", this.socket, "kill-server"], { stdio: "ignore" });
    rmSync(this.socket, { force: true });
  }
}
