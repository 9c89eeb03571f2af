import fs from "node:fs";
import path from "node:path";
import { cachedModelIds, modelDirName } from "./cachedModelIds.js";

/** A Hugging Face repo id: `name` or `org/name` (letters, digits, `_`, `.`, `-`). */
const REPO_ID = /^[A-Za-z0-9][\w.-]*(\/[A-Za-z0-9][\w.-]*)?$/;

const FILE = "tokenizer.json";

/**
 * Where a tokenizer spec points on disk: the tokenizer.json file, or the places looked at (for
 * the notice or the error).
 * @public
 */
export type TokenizerLocation = { file: string } | { file?: undefined; looked: string[] };

/**
 * Finds the tokenizer.json `spec` names. Tried in order: an existing file; an existing folder holding
 * tokenizer.json; a model id in the local Hugging Face hub cache (`models--org--name/snapshots/*`,
 * the snapshot `refs/main` names first, else the newest; the id's case ignored when no exact match).
 * Never touches the network.
 * @public
 */
export function locateTokenizerFile(spec: string, hubDir: string, cwd: string = process.cwd()): TokenizerLocation {
  const asPath = path.resolve(cwd, spec);
  const stat = statOf(asPath);
  if (stat?.isFile()) return { file: asPath };
  if (stat?.isDirectory()) {
    const inside = path.join(asPath, FILE);
    return statOf(inside)?.isFile() ? { file: inside } : { looked: [inside] };
  }
  if (!REPO_ID.test(spec)) return { looked: [asPath] };
  const id = sameIdAnyCase(spec, hubDir);
  const file = id === undefined ? undefined : snapshotFile(path.join(hubDir, modelDirName(id)));
  return file ? { file } : { looked: [asPath, path.join(hubDir, modelDirName(spec), "snapshots", "*", FILE)] };
}

/** The cached id equal to `spec`, exactly or else ignoring case. */
function sameIdAnyCase(spec: string, hubDir: string): string | undefined {
  const ids = cachedModelIds(hubDir);
  return ids.find((id) => id === spec) ?? ids.find((id) => id.toLowerCase() === spec.toLowerCase());
}

/** tokenizer.json of the snapshot `refs/main` points at, else of the newest snapshot holding one. */
function snapshotFile(modelDir: string): string | undefined {
  const snapshots = path.join(modelDir, "snapshots");
  const main = readText(path.join(modelDir, "refs", "main"))?.trim();
  if (main) {
    const file = path.join(snapshots, main, FILE);
    if (statOf(file)?.isFile()) return file;
  }
  let best: { file: string; mtimeMs: number } | undefined;
  for (const name of safeReaddir(snapshots)) {
    const file = path.join(snapshots, name, FILE);
    const s = statOf(file);
    if (s?.isFile() && (best === undefined || s.mtimeMs > best.mtimeMs)) best = { file, mtimeMs: s.mtimeMs };
  }
  return best?.file;
}

function statOf(p: string): fs.Stats | undefined {
  try {
    // stat, not lstat: the hub cache's snapshot files are symlinks into blobs/.
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function readText(p: string): string | undefined {
  try {
    return fs.readFileSync(p, "utf8");
  } catch {
    return undefined;
  }
}

function safeReaddir(p: string): string[] {
  try {
    return fs.readdirSync(p).sort();
  } catch {
    return [];
  }
}
