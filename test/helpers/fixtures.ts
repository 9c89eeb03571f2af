import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * A fresh folder for one test, inside the repo so that generated plugin modules resolve
 * `import ... from "aiperf"` through the repo's node_modules, as an installed plugin would.
 */
export function tempDir(prefix = "t"): string {
  const base = path.join(repoRoot, "test", "fixtures", "generated");
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `${prefix}-`));
}

/** Writes files (relative path to content) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** Removes a folder made by `tempDir`. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A module that appends its name to `sentinel` when imported, exporting a phase-hook class
 * `Hook` and, with `members`, those methods.
 */
export function sentinelModule(sentinel: string, label: string): string {
  return `import { appendFileSync } from "node:fs";
appendFileSync(${JSON.stringify(sentinel)}, ${JSON.stringify(`${label}\n`)});
export class Hook {
  async onPhaseStart() {}
}
export class Endpoint {
  get path() { return "/x"; }
  formatRequest() { return { label: ${JSON.stringify(label)} }; }
  parseResponse() { return { text: "" }; }
}
`;
}
