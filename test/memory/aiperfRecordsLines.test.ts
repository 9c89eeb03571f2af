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
  it("are written directly exactly as JSON.stringify writes the line object", async () => {
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
      for (const offset of [0, 1_796_664_199_243_195_400, 0.5]) {
        for (const r of records) expect(exporter.text(r, offset)).toBe(`${JSON.stringify(exporter.line(r, offset))}\n`);
      }
    } finally {
      await app.dispose();
    }
  });
});
