import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { AiperfError } from "../../kernel/errors/AiperfError.js";
import { ErrorCode } from "../../kernel/errors/codes.js";
import { EXPORT_FILE } from "./readRunExport.js";

const isFile = (file: string) =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * The run folders named: a folder holding `profile_export.json` is a run; a folder without one
 * (a sweep's output, `artifacts/`) stands for the runs directly inside it, by name (`latest`, a
 * link to one of them, is skipped).
 */
export async function findRunDirs(dirs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    if (await isFile(path.join(dir, EXPORT_FILE))) {
      found.push(dir);
      continue;
    }
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      throw new AiperfError(
        ErrorCode.Usage,
        `${dir}: ${error.code === "ENOENT" ? "no such folder" : "cannot be read"}; give run folders written by \`aiperf profile\``,
      );
    });
    const inside: string[] = [];
    for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name, "en", { numeric: true }))) {
      if (await isFile(path.join(dir, e.name, EXPORT_FILE))) inside.push(path.join(dir, e.name));
    }
    if (inside.length === 0)
      throw new AiperfError(ErrorCode.Usage, `${dir}: no ${EXPORT_FILE} in it or in the folders inside it; give run folders written by \`aiperf profile\``);
    found.push(...inside);
  }
  return found;
}
