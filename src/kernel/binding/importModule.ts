import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Files whose evaluation threw, with the mtime at that moment. Node caches a module that threw
 * for the life of the process, so after a fix we must import it under a new URL. This mirrors
 * Node's own process-wide module cache; it holds no app state.
 */
const failedAt = new Map<string, number>();

function mtimeOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * A class path was checked against its plugin folder when the registry was read; a symlink inside
 * the folder could still lead anywhere, so the file actually imported is checked too.
 */
function assertInside(modulePath: string, root: string): void {
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync.native(modulePath);
    realRoot = realpathSync.native(root);
  } catch {
    return; // a missing file fails the import itself, with Node's own message
  }
  const rel = path.relative(realRoot, real);
  if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`${modulePath} is a symlink to ${real}, outside the plugin folder ${realRoot}; refused`);
}

/**
 * Imports a module by absolute path; re-imports a previously failed file once it has changed.
 * With `root`, the file (symlinks followed) must be inside that folder.
 */
export async function importModule(modulePath: string, root?: string): Promise<Record<string, unknown>> {
  if (root !== undefined) assertInside(modulePath, root);
  const url = pathToFileURL(modulePath);
  const failed = failedAt.get(modulePath);
  if (failed !== undefined) url.search = `?aiperf_retry=${mtimeOf(modulePath)}`;
  try {
    const mod = (await import(url.href)) as Record<string, unknown>;
    return mod;
  } catch (error) {
    failedAt.set(modulePath, mtimeOf(modulePath));
    throw error;
  }
}
