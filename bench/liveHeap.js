// Live heap per request: an in-process run of N requests against nginx, then a full GC while the
// results (records and metrics) are still referenced. `node --expose-gc bench/liveHeap.js N [--streaming]`.

import path from "node:path";
import { fileURLToPath } from "node:url";
import { createProfilerApp, runProfile } from "aiperf";
import { startNginx } from "./nginx.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const n = Number(process.argv[2] ?? 20000);
const streaming = process.argv.includes("--streaming");
const work = path.join(root, "bench", ".work", "liveheap");
const nginx = await startNginx(work, 1);
let endOfRun;
try {
  const app = await createProfilerApp({
    config: path.join(root, "config", "default.yaml"),
    set: [
      `endpoint.url="${streaming ? nginx.sseUrl : nginx.jsonUrl}"`,
      `endpoint.streaming=${streaming}`,
      "phases.warmup.requests=0",
      `phases.profiling.requests=${n}`,
      "timing.strategy=concurrency",
      "timing.concurrency=64",
      "ui.type=none",
      "plugins.phase_hooks=[]",
      "output.data_exporters=[]",
      "output.console_exporters=[]",
      "endpoint.preflight=false",
      `output.dir="${work}"`,
    ],
    root,
    logger: { debug: (m) => (endOfRun = /end of run: ([\d.]+) s/.exec(m)?.[1] ?? endOfRun), info() {}, warn() {}, error: (m) => console.error(m) },
  });
  global.gc();
  const beforeMem = process.memoryUsage();
  const before = beforeMem.heapUsed;
  const t = process.hrtime.bigint();
  const result = await runProfile(app, { write: () => {} });
  const s = Number(process.hrtime.bigint() - t) / 1e9;
  global.gc();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      n,
      streaming,
      records: result.results.records.length,
      liveBytesPerRequest: Math.round((after.heapUsed - before) / n),
      // Typed-array columns live outside the JS heap: count them too.
      liveBytesPerRequestWithBuffers: Math.round((after.heapUsed + after.arrayBuffers - before - beforeMem.arrayBuffers) / n),
      heapUsedMb: Math.round(after.heapUsed / 2 ** 20),
      heapTotalMb: Math.round(after.heapTotal / 2 ** 20),
      externalMb: Math.round(after.external / 2 ** 20),
      rssMb: Math.round(after.rss / 2 ** 20),
      reqPerS: Math.round(n / s),
      endOfRunS: endOfRun === undefined ? undefined : Number(endOfRun),
      // The record store's own columns (absent before the store existed).
      storeBytesPerRequest: typeof result.results.records.bytes === "number" ? Math.round(result.results.records.bytes / n) : undefined,
    }),
  );
  await app.dispose();
} finally {
  await nginx.stop();
}
