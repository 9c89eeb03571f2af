import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const hook = pathToFileURL(path.join(here, "recordLoads.js")).href;

/** The files a fresh Node process loaded (ESM loader), in load order. */
export interface LoadRecord {
  files: string[];
  stdout: string;
}

/** The file paths among recorded module URLs (built-ins and data: URLs left out). */
export function filesOf(lines: readonly string[]): string[] {
  return lines.filter((u) => u.startsWith("file:")).map((u) => fileURLToPath(u));
}

/**
 * Runs `script` (an ES module body) in a fresh Node process whose working folder is `cwd`, so bare
 * specifiers resolve from there as they would for a real consumer, and reports every module file
 * it loaded. The script may read `process.env.RECORD_LOADS` (the log so far) itself.
 */
export function runRecordingLoads(script: string, cwd: string): LoadRecord {
  const dir = mkdtempSync(path.join(tmpdir(), "loads-"));
  const log = path.join(dir, "loads.txt");
  try {
    const stdout = execFileSync(process.execPath, ["--import", hook, "--input-type=module", "-e", script], {
      cwd,
      env: { ...process.env, RECORD_LOADS: log },
      encoding: "utf8",
    });
    const lines = readFileSync(log, "utf8").split("\n").filter(Boolean);
    return { files: filesOf(lines), stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
