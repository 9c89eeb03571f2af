import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeFileAtomic } from "aiperf/kernel";
import { afterEach, describe, expect, it } from "vitest";

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-atomic-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("writeFileAtomic", () => {
  it("writes the whole text, creating the folder, and leaves no temp file", async () => {
    const dir = tempDir();
    const file = path.join(dir, "deeper", "out.json");
    await writeFileAtomic(file, '{"a":1}\n');
    expect(readFileSync(file, "utf8")).toBe('{"a":1}\n');
    expect(readdirSync(path.dirname(file))).toEqual(["out.json"]);
  });

  it("removes its temp file when the file cannot be put in place, and rejects", async () => {
    const dir = tempDir();
    // A folder where the file should go: the rename fails after the temp file was written.
    mkdirSync(path.join(dir, "taken", "inside"), { recursive: true });
    await expect(writeFileAtomic(path.join(dir, "taken"), "text")).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["taken"]);
  });
});
