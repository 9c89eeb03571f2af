import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * Where plugin state lives when the host gives no `stateDir`: `<root>/.aiperf/state/` for an
 * application folder (one with node_modules), otherwise the user's state folder
 * (`$XDG_STATE_HOME`, default `~/.local/state`) under `aiperf/state-<hash of root>/`, so running
 * somewhere that is not an application never creates a folder there.
 */
export function defaultStateDir(root: string, env: Record<string, string | undefined> = process.env): string {
  if (existsSync(path.join(root, "node_modules"))) return path.join(root, ".aiperf", "state");
  const base = env.XDG_STATE_HOME || path.join(os.homedir(), ".local", "state");
  const key = createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 16);
  return path.join(base, "aiperf", `state-${key}`);
}

/** One file per plugin; the name is made safe for any file system. */
export function stateFileOf(stateDir: string, pluginName: string): string {
  return path.join(stateDir, `${pluginName.toLowerCase().replace(/[^a-z0-9._-]/g, "_")}.json`);
}
