import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { ParsedManifest } from "../registry/types.js";
import { frameworkPackage } from "./frameworkRoot.js";
import { isCachedManifest } from "./isCachedManifest.js";
import type { PluginSource } from "./PluginSource.js";
import { readManifest } from "./readManifest.js";

/** Reads manifests, possibly from a cache; `flush` persists what was parsed. */
export interface ManifestReader {
  read(source: PluginSource): ParsedManifest | Promise<ParsedManifest>;
  flush(): void;
}

interface CacheEntry {
  root: string;
  size: number;
  mtimeMs: number;
  manifest: ParsedManifest;
}

/** Bumped whenever ParsedManifest changes shape, so an older cache is ignored. */
// 3: class paths carry their plugin's root (checked against symlinks at import); 4: plugin dependencies, lifecycle, auto_start.
const FORMAT = 4;

interface CacheFile {
  format: typeof FORMAT;
  framework: string;
  entries: Record<string, CacheEntry>;
}

/**
 * Every entry and section location names the manifest's own file; the cache leaves it out and
 * puts it back on read (a fifth of the cache's size for long plugin paths).
 */
function compact(manifest: ParsedManifest): ParsedManifest {
  const strip = <T extends { location: { file: string } }>(items: T[]): T[] => items.map((item) => ({ ...item, location: { ...item.location, file: "" } }));
  return { ...manifest, entries: strip(manifest.entries), sections: strip(manifest.sections), protocols: strip(manifest.protocols) };
}

function expand(manifest: ParsedManifest): ParsedManifest {
  for (const list of [manifest.entries, manifest.sections, manifest.protocols]) for (const item of list) item.location.file = manifest.file;
  return manifest;
}

/** Where an app's manifest cache lives. */
export function manifestCachePath(appRoot: string): string {
  // An app with node_modules keeps its cache there (npm's convention); elsewhere (a command run
  // from any folder) the user's cache folder holds one file per app folder, so none is littered.
  if (existsSync(path.join(appRoot, "node_modules"))) return path.join(appRoot, "node_modules", ".cache", "aiperf", "manifests.json");
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  const key = createHash("sha256").update(path.resolve(appRoot)).digest("hex").slice(0, 16);
  return path.join(base, "aiperf", `manifests-${key}.json`);
}

/** Parses every manifest anew (no cache). */
export const plainManifestReader: ManifestReader = { read: readManifest, flush() {} };

/**
 * A reader that reuses parsed, validated manifests while each file's path, size and mtime and the
 * framework version are unchanged, so a warm start reads one JSON file instead of parsing YAML.
 * A corrupt, foreign or outdated cache is ignored and rewritten.
 */
export function cachedManifestReader(appRoot: string): ManifestReader {
  const file = manifestCachePath(appRoot);
  const framework = frameworkPackage().version;
  const cache = readCache(file, framework);
  const used: Record<string, CacheEntry> = {};
  let dirty = false;
  return {
    async read(source) {
      let stat: { size: number; mtimeMs: number } | undefined;
      try {
        const st = statSync(source.registryFile);
        // Whole milliseconds: what every filesystem and utimes round-trip keeps.
        stat = { size: st.size, mtimeMs: Math.trunc(st.mtimeMs) };
      } catch {
        return readManifest(source);
      }
      const hit = Object.hasOwn(cache.entries, source.registryFile) ? (cache.entries[source.registryFile] as Partial<CacheEntry> | null) : undefined;
      if (hit?.root === source.root && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs && isCachedManifest(hit.manifest, source.registryFile)) {
        used[source.registryFile] = hit as CacheEntry;
        // Discovery copies what it keeps, so the cached object can be handed out as is.
        return expand(hit.manifest);
      }
      const manifest = await readManifest(source);
      used[source.registryFile] = { root: source.root, size: stat.size, mtimeMs: stat.mtimeMs, manifest: compact(manifest) };
      dirty = true;
      return manifest;
    },
    flush() {
      if (!dirty && Object.keys(used).length === Object.keys(cache.entries).length) return;
      const tmp = `${file}.${process.pid}.tmp`;
      try {
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(tmp, JSON.stringify({ format: FORMAT, framework, entries: used } satisfies CacheFile));
        renameSync(tmp, file);
      } catch {
        // A read-only tree still works, just without the cache; a full disk keeps no half-written temp file.
        try {
          rmSync(tmp, { force: true });
        } catch {}
      }
    },
  };
}

/** The cache file's entries; empty when it is missing, corrupt, foreign or of another format. */
function readCache(file: string, framework: string): CacheFile {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<CacheFile> | null;
    const entries = parsed?.entries;
    if (parsed?.format === FORMAT && parsed.framework === framework && entries !== null && typeof entries === "object" && !Array.isArray(entries))
      return parsed as CacheFile;
  } catch {
    // missing or corrupt: start empty
  }
  return { format: FORMAT, framework, entries: {} };
}
