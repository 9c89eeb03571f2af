import { existsSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PhaseHook } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterEach, describe, expect, it } from "vitest";
import { discoverPlugins } from "../../src/kernel/discovery/discoverPlugins.js";
import { cachedManifestReader, manifestCachePath } from "../../src/kernel/discovery/manifestCache.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

function appDir(): string {
  const dir = tempDir("cache");
  dirs.push(dir);
  writeFiles(dir, {
    "plugins/a/registry.yaml": "plugin: { name: a }\nphase_hook:\n  alpha: { class: ./h.js:H }\n",
    "plugins/b/registry.yaml": "plugin: { name: b }\nphase_hook:\n  bravo: { class: ./h.js:H }\n",
  });
  return dir;
}

const names = async (dir: string, cached = true) =>
  (await discoverPlugins({ root: dir, protocols: [PhaseHook], ...(cached ? { reader: cachedManifestReader(dir) } : {}) }))
    .list("phase_hook")
    .map((e) => e.name)
    .sort();

describe("manifest cache", () => {
  it("is written on the first start and used on the next (a same-size, same-mtime edit is not re-read)", async () => {
    const dir = appDir();
    expect(await names(dir)).toEqual(["alpha", "bravo"]);
    expect(existsSync(manifestCachePath(dir))).toBe(true);
    const file = path.join(dir, "plugins/a/registry.yaml");
    const { atimeMs, mtimeMs } = statSync(file);
    writeFileSync(file, readFileSync(file, "utf8").replace("alpha", "omega"));
    utimesSync(file, atimeMs / 1000, mtimeMs / 1000);
    expect(await names(dir)).toEqual(["alpha", "bravo"]);
    expect(await names(dir, false)).toEqual(["bravo", "omega"]);
  });

  it("notices a changed, an added and a removed plugin", async () => {
    const dir = appDir();
    await names(dir);
    writeFileSync(path.join(dir, "plugins/a/registry.yaml"), "plugin: { name: a }\nphase_hook:\n  alpha_two: { class: ./h.js:H }\n");
    expect(await names(dir)).toEqual(["alpha_two", "bravo"]);
    writeFiles(dir, { "plugins/c/registry.yaml": "plugin: { name: c }\nphase_hook:\n  charlie: { class: ./h.js:H }\n" });
    expect(await names(dir)).toEqual(["alpha_two", "bravo", "charlie"]);
    rmSync(path.join(dir, "plugins/b"), { recursive: true });
    expect(await names(dir)).toEqual(["alpha_two", "charlie"]);
    const cached = JSON.parse(readFileSync(manifestCachePath(dir), "utf8"));
    expect(Object.keys(cached.entries).some((k) => k.includes(`${path.sep}b${path.sep}`))).toBe(false);
  });

  it("ignores and rewrites a corrupt or foreign cache", async () => {
    const dir = appDir();
    await names(dir);
    writeFileSync(manifestCachePath(dir), "{not json");
    expect(await names(dir)).toEqual(["alpha", "bravo"]);
    expect(JSON.parse(readFileSync(manifestCachePath(dir), "utf8")).format).toBe(4);
    writeFileSync(manifestCachePath(dir), JSON.stringify({ format: 3, framework: "0.0.1", entries: { x: {} } }));
    expect(await names(dir)).toEqual(["alpha", "bravo"]);
    expect(JSON.parse(readFileSync(manifestCachePath(dir), "utf8")).framework).not.toBe("0.0.1");
  });

  it("parses again, without crashing, when a cache entry has the wrong shape", async () => {
    const dir = appDir();
    await names(dir);
    const cache = JSON.parse(readFileSync(manifestCachePath(dir), "utf8"));
    const [a, b] = [path.join(dir, "plugins/a/registry.yaml"), path.join(dir, "plugins/b/registry.yaml")];
    cache.entries[a].manifest.entries = "not a list";
    cache.entries[b].manifest.entries[0].metadata = JSON.parse('{"constructor": {"a": 1}}');
    writeFileSync(manifestCachePath(dir), JSON.stringify(cache));
    expect(await names(dir)).toEqual(["alpha", "bravo"]);
    const rewritten = JSON.parse(readFileSync(manifestCachePath(dir), "utf8"));
    expect(rewritten.entries[a].manifest.entries).toHaveLength(1);
    expect(rewritten.entries[b].manifest.entries[0].metadata).toEqual({});
    writeFileSync(manifestCachePath(dir), JSON.stringify({ ...cache, entries: [] }));
    expect(await names(dir)).toEqual(["alpha", "bravo"]);
  });

  it("is bypassed by noCache and by AIPERF_NO_CACHE=1", async () => {
    const dir = appDir();
    const app = await createTestApp({ root: dir, builtin: false, noCache: true });
    await app.dispose();
    expect(existsSync(manifestCachePath(dir))).toBe(false);
    process.env.AIPERF_NO_CACHE = "1";
    try {
      const other = await createTestApp({ root: dir, builtin: false });
      await other.dispose();
    } finally {
      delete process.env.AIPERF_NO_CACHE;
    }
    expect(existsSync(manifestCachePath(dir))).toBe(false);
    const cachedApp = await createTestApp({ root: dir, builtin: false });
    await cachedApp.dispose();
    expect(existsSync(manifestCachePath(dir))).toBe(true);
  });

  it("an app folder without node_modules gets no cache folder: the user's cache holds it", async () => {
    const dir = appDir();
    const userCache = tempDir("xdg");
    dirs.push(userCache);
    const saved = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = userCache;
    try {
      expect(await names(dir)).toEqual(["alpha", "bravo"]);
      expect(existsSync(path.join(dir, "node_modules"))).toBe(false);
      expect(manifestCachePath(dir).startsWith(path.join(userCache, "aiperf"))).toBe(true);
      expect(existsSync(manifestCachePath(dir))).toBe(true);
    } finally {
      if (saved === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = saved;
    }
  });
});
