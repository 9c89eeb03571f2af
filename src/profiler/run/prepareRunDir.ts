import { constants } from "node:fs";
import { access, mkdir, rm, rmdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { AiperfError } from "../../kernel/errors/AiperfError.js";
import { ErrorCode } from "../../kernel/errors/codes.js";

/** What a run folder is named after. */
export interface RunLabel {
  model: string;
  endpoint: string;
  /** e.g. `concurrency8`, `rate50`, `fixed_schedule`. */
  load: string;
  startedAt: Date;
}

/** Safe in a file name on every platform, and short enough to leave room for the rest. */
function part(text: string): string {
  return (
    text
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .replace(/^[._]+/, "")
      .slice(0, 60) || "x"
  );
}

function stamp(date: Date): string {
  const iso = date.toISOString(); // 2026-11-23T07:18:28.123Z
  return `${iso.slice(0, 10).replaceAll("-", "")}-${iso.slice(11, 19).replaceAll(":", "")}`;
}

/** `<model>-<endpoint>-<load>-<YYYYMMDD-HHMMSS>`, unique within `parent` (a suffix when two runs share a second). */
export function runFolderName(label: RunLabel): string {
  return `${part(label.model)}-${part(label.endpoint)}-${part(label.load)}-${stamp(label.startedAt)}`;
}

function unusable(dir: string, error: unknown): AiperfError {
  const code = (error as NodeJS.ErrnoException).code ?? "";
  const why: Record<string, string> = {
    EACCES: "permission denied",
    EROFS: "read-only file system",
    ENOTDIR: "a path component is a file, not a folder",
    EEXIST: "a file of that name exists",
    ENAMETOOLONG: "the name is too long",
    ENOENT: "a parent folder cannot be created",
    ENOSPC: "no space left on the device",
  };
  return new AiperfError(
    ErrorCode.Usage,
    `output folder ${dir} cannot be written (${why[code] ?? code ?? "unknown error"}); nothing was sent. Pick another with --output or output.dir.`,
    { cause: error },
  );
}

/** The folder a run writes into, made before anything is sent. */
export interface RunDir {
  readonly path: string;
  /** The run measured and wrote its exports: `<parent>/latest` points at it now (never for a flat folder). */
  publish(): Promise<void>;
  /** The run failed before writing anything: the folders it made go, so no empty run is left behind. */
  discard(): Promise<void>;
}

/**
 * Creates the folder this run writes into, and proves it writable, before anything is sent: a run
 * must not measure for an hour and then find it cannot save. Unless `flat`, the folder is new for
 * each run; `latest` moves to it only once it holds a run's exports (`publish`), so a run that
 * fails at the start never hides the last good one.
 */
export async function prepareRunDir(parent: string, label: RunLabel, flat: boolean): Promise<RunDir> {
  let dir = parent;
  // The folders this run made, innermost first: the only ones `discard` may remove.
  const made: string[] = [];
  try {
    // `mkdir -p` reports the outermost folder it made: it and every one inside it down to `parent` are this run's.
    const outermost = await mkdir(parent, { recursive: true });
    for (let d = parent; outermost !== undefined; d = path.dirname(d)) {
      made.push(d);
      if (d === outermost || path.dirname(d) === d) break;
    }
    if (!flat) {
      dir = await newFolder(path.join(parent, runFolderName(label)));
      made.unshift(dir);
    }
    await proveWritable(dir);
  } catch (error) {
    await removeIfEmpty(made);
    throw unusable(dir, error);
  }
  return {
    path: dir,
    publish: () => (flat ? Promise.resolve() : pointLatest(parent, dir)),
    discard: () => removeIfEmpty(made),
  };
}

/** `base`, or `base-2`, `base-3`… when two runs share a second. */
async function newFolder(base: string): Promise<string> {
  let dir = base;
  for (let n = 2; ; n++) {
    try {
      await mkdir(dir);
      return dir;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || n > 99) throw error;
      dir = `${base}-${n}`;
    }
  }
}

async function proveWritable(dir: string): Promise<void> {
  const probe = path.join(dir, `.aiperf-write-check-${process.pid}`);
  await writeFile(probe, "");
  await rm(probe);
  await access(dir, constants.W_OK);
}

/** Removes each folder in turn while it is empty (rmdir refuses otherwise): whatever a run wrote stays. */
async function removeIfEmpty(folders: readonly string[]): Promise<void> {
  for (const folder of folders)
    if (
      !(await rmdir(folder).then(
        () => true,
        () => false,
      ))
    )
      return;
}

/** `latest` → the newest run (relative, so the folder can be moved); where links fail, nothing breaks. */
async function pointLatest(parent: string, dir: string): Promise<void> {
  const link = path.join(parent, "latest");
  await rm(link, { force: true }).catch(() => undefined);
  await symlink(path.basename(dir), link, "dir").catch(() => undefined);
}
