import { createReadStream, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import type { ProfileResults, RequestRecord } from "aiperf";
import { describe, expect, it } from "vitest";
import { RecordsExporter } from "../../modules/exporters/RecordsExporter.js";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";

const s = scratch();

function fakeRecord(i: number): RequestRecord {
  return {
    phase: "profiling",
    credit: i,
    turnId: `t${i % 1000}`,
    startNs: i * 1000,
    tokenNs: [i * 1000 + 5],
    endNs: i * 1000 + 9,
    inputTokens: 3,
    outputTokens: 1,
  } as RequestRecord;
}

async function lines(file: string): Promise<{ count: number; first?: string; last?: string }> {
  let count = 0;
  let first: string | undefined;
  let last: string | undefined;
  for await (const line of createInterface({ input: createReadStream(file) })) {
    first ??= line;
    last = line;
    count++;
  }
  return { count, ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) };
}

describe("the records export is streamed to disk", () => {
  it("writes one line per record for 200,000 records, in order, and leaves no temp file", async () => {
    const dir = s.dir("records-many");
    const records = Array.from({ length: 200_000 }, (_, i) => fakeRecord(i));
    const files = await new RecordsExporter().export({ records } as unknown as ProfileResults, dir);
    expect(files).toEqual([path.join(dir, "profile_records.jsonl")]);
    const read = await lines(files[0] as string);
    expect(read.count).toBe(200_000);
    expect(JSON.parse(read.first as string)).toEqual(fakeRecord(0));
    expect(JSON.parse(read.last as string)).toEqual(fakeRecord(199_999));
    expect(readdirSync(dir)).toEqual(["profile_records.jsonl"]);
  });

  it("writes an empty file for a run without records", async () => {
    const dir = s.dir("records-none");
    const [file] = await new RecordsExporter().export({ records: [] } as unknown as ProfileResults, dir);
    expect(readFileSync(file as string, "utf8")).toBe("");
  });

  it("a records export that fails leaves the other exports and the summary in place", async () => {
    const dir = s.dir("records-fail");
    // A folder where the records file should go: the rename onto it fails.
    mkdirSync(path.join(dir, "profile_records.jsonl"));
    const run = await profileWith({
      phases: { warmup: { requests: 0 }, profiling: { requests: 3 } },
      output: { dir, flat: true, data_exporters: ["records", "json", "csv"], console_exporters: ["summary_table"] },
    });
    expect(run.files.map((f) => path.basename(f)).sort()).toEqual(["profile_export.csv", "profile_export.json"]);
    expect(existsSync(path.join(dir, "profile_export.json"))).toBe(true);
    expect(run.printed).toContain("Request latency");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
