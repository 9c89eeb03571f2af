import { constants } from "node:fs";
import { access, mkdir, rm, symlink, writeFile } from "node:fs/promises";
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

/**
 * Creates the folder this run writes into, and proves it writable, before anything is sent: a run
 * must not measure for an hour and then find it cannot save. Unless `flat`, the folder is new for
 * each run and `<parent>/latest` points at it.
 */
export async function prepareRunDir(parent: string, label: RunLabel, flat: boolean): Promise<string> {
  let dir = parent;
  try {
    await mkdir(parent, { recursive: true });
    if (!flat) {
      const base = path.join(parent, runFolderName(label));
      dir = base;
      for (let n = 2; ; n++) {
        try {
          await mkdir(dir);
          break;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== "EEXIST" || n > 99) throw error;
          dir = `${base}-${n}`;
        }
      }
    }
    const probe = path.join(dir, `.aiperf-write-check-${process.pid}`);
    await writeFile(probe, "");
    await rm(probe);
    await access(dir, constants.W_OK);
  } catch (error) {
    throw unusable(dir, error);
  }
  if (!flat) await pointLatest(parent, dir);
  return dir;
}

/** `latest` → the newest run (relative, so the folder can be moved); where links fail, nothing breaks. */
async function pointLatest(parent: string, dir: string): Promise<void> {
  const link = path.join(parent, "latest");
  await rm(link, { force: true }).catch(() => undefined);
  await symlink(path.basename(dir), link, "dir").catch(() => undefined);
}
