import { statSync } from "node:fs";
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

/** Imports a module by absolute path; re-imports a previously failed file once it has changed. */
export async function importModule(modulePath: string): Promise<Record<string, unknown>> {
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
