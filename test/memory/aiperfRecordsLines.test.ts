import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RequestRecord } from "aiperf";
import { Metric } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { describe, expect, it } from "vitest";
import { AiperfRecordsExporter } from "../../modules/exporters/AiperfRecordsExporter.js";

interface Lines {
  text(record: RequestRecord, offset: number): string;
  line(record: RequestRecord, offset: number): Record<string, unknown>;
}

const record = (i: number, more: Partial<RequestRecord> = {}): RequestRecord => ({
  phase: "profiling" as RequestRecord["phase"],
  credit: i,
  turnId: `conv-${i}`,
  startNs: 8_890_303_252_410 + i * 3001,
  issuedNs: 8_890_303_252_410 + i * 3001 - 36_000,
  firstTokenNs: 8_890_308_252_410 + i * 3001,
  firstContentNs: 8_890_308_252_410 + i * 3001,
  tokenNs: [8_890_308_252_410 + i * 3001, 8_890_308_252_410 + i * 3001 + 1_000_007.5, 8_890_308_252_410 + i * 3001 + 2_100_000],
  endNs: 8_890_311_000_000 + i * 3001,
  inputTokens: 10,
  outputTokens: 3,
  tokenCountSource: "server",
  usage: { promptTokens: 10, completionTokens: 4, reasoningTokens: 1 },
  requestedOutputTokens: 64,
  streaming: true,
  status: 200,
  inFlightAtStart: i,
  ...more,
});

describe("aiperf_jsonl lines", () => {
  it("are written directly exactly as JSON.stringify writes the line object, but for the epoch times, written in exact digits", async () => {
    const app = await createTestApp({ noCache: true });
    try {
      const exporter = new AiperfRecordsExporter(await app.getAll(Metric)) as unknown as Lines;
      const records = [
        record(0),
        record(1, { worker: 'wörker "1"', tokenCountSource: "chunks", reasoningTokens: 2, firstContentNs: 8_890_309_252_410 }),
        record(2, { tokenNs: [], firstTokenNs: undefined, firstContentNs: undefined, streaming: false, usage: {} }),
        record(3, { error: "HTTP 500: x", status: 500 }),
        record(4, { cancelled: true }),
        record(5, { cancelled: false, scheduledNs: 8_890_303_252_000, outputTokens: 0 }),
        record(6, { startNs: 0.1 + 0.2, endNs: 1e21, inputTokens: 1.5 }),
      ];
      // A time a number cannot hold to the ns (an epoch in ns) is written as the sum of the integers; others as JSON.stringify writes them.
      const exact = (ns: number, offset: number) => (Number.isSafeInteger(ns) ? `${BigInt(ns) + BigInt(offset)}` : JSON.stringify(ns + offset));
      for (const offset of [0, 1_796_664_199_243_195_400, 1_796_664_199_000_000_000, 999_999_999]) {
        for (const r of records) {
          const reference = JSON.stringify(exporter.line(r, offset))
            .replace(/"request_start_ns":[^,]+/, `"request_start_ns":${exact(r.startNs, offset)}`)
            .replace(/"request_end_ns":[^,]+/, `"request_end_ns":${exact(r.endNs, offset)}`);
          expect(exporter.text(r, offset)).toBe(`${reference}\n`);
        }
      }
      // Two requests 1 ns apart stay 1 ns apart at an epoch of 1.8e18 ns (a number has steps of 256 there).
      const a = exporter.text(record(0, { startNs: 8_890_303_252_410 }), 1_796_664_199_243_195_400);
      const b = exporter.text(record(0, { startNs: 8_890_303_252_411 }), 1_796_664_199_243_195_400);
      const startOf = (line: string) => BigInt(/"request_start_ns":(\d+)/.exec(line)?.[1] ?? "0");
      expect(startOf(b) - startOf(a)).toBe(1n);
    } finally {
      await app.dispose();
    }
  });

  it("the export file holds one line per record, each the line text() gives, failed requests included", async () => {
    const app = await createTestApp({ noCache: true });
    const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-jsonl-"));
    try {
      const metrics = await app.getAll(Metric);
      const exporter = new AiperfRecordsExporter(metrics);
      const records = Array.from({ length: 300 }, (_, i) =>
        i % 50 === 7
          ? record(i, { error: "HTTP 500: x" })
          : record(i, { tokenNs: [0, 1, 2, 3].map((k) => 8_890_308_252_410 + i * 3001 + k * (1_000_003 + i)) }),
      );
      const [file] = await exporter.export({ records } as unknown as Parameters<AiperfRecordsExporter["export"]>[0], dir);
      const lines = readFileSync(file as string, "utf8")
        .trimEnd()
        .split("\n");
      expect(lines).toHaveLength(records.length);
      const withoutTimes = (line: string) => line.replace(/"request_(start|end)_ns":\d+/g, "");
      lines.forEach((line, i) => {
        expect(withoutTimes(line)).toBe(withoutTimes(exporter.text(records[i] as RequestRecord, 0).trimEnd()));
      });
      expect(lines[1]).toContain('"inter_chunk_latency":{"value":[1.000004,1.000004,1.000004],"unit":"ms"}');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await app.dispose();
    }
  });
});
