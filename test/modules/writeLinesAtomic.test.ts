import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeLinesAtomic } from "../../modules/exporters/writeLinesAtomic.js";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const folder = () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-lines-"));
  return dir;
};

describe("writeLinesAtomic", () => {
  it("writes every piece in order, text and bytes alike, and leaves no temp file", async () => {
    const file = path.join(folder(), "out", "lines.jsonl");
    function* pieces() {
      for (let i = 0; i < 500; i++) yield i % 2 ? `line ${i} ü\n` : Buffer.from(`line ${i} ü\n`);
    }
    await writeLinesAtomic(file, pieces());
    expect(readFileSync(file, "utf8")).toBe(Array.from({ length: 500 }, (_, i) => `line ${i} ü\n`).join(""));
    expect(readdirSync(path.dirname(file))).toEqual(["lines.jsonl"]);
  });

  it("a piece that fails to be made leaves no file and no temp file, and its error comes out", async () => {
    const file = path.join(folder(), "lines.jsonl");
    async function* pieces() {
      yield "first\n";
      await new Promise((r) => setTimeout(r, 5));
      throw new Error("the records could not be read");
    }
    await expect(writeLinesAtomic(file, pieces())).rejects.toThrow("the records could not be read");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a piece that fails to be written fails the export, with no file left and no unhandled rejection", async () => {
    const file = path.join(folder(), "lines.jsonl");
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      async function* pieces() {
        yield 42 as unknown as string;
        // The failed write completes while the next piece is being made.
        await new Promise((r) => setTimeout(r, 20));
        yield "second\n";
      }
      await expect(writeLinesAtomic(file, pieces())).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 20));
      expect(unhandled).toEqual([]);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });
});
