import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

let cached: { root: string; version: string } | undefined;

/** The framework package's folder and version (memoized: it cannot change while running). */
export function frameworkPackage(): { root: string; version: string } {
  if (cached) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "aiperf") {
        cached = { root: dir, version: pkg.version ?? "0.0.0" };
        return cached;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the aiperf package.json above the framework's own files");
    dir = parent;
  }
}
