import { type CreditPhase, inject, type PostProcessor, type ProcessingResult, type RequestRecords, ServiceManager } from "aiperf";

/** One executor's share of a phase, as `profile_export.json` shows it. */
interface WorkerRow {
  worker: string;
  requests: number;
  errors: number;
  cancelled: number;
  host?: string;
  pid?: number;
  clock_offset_ns?: number;
  clock_rtt_ns?: number;
  lost?: string;
}

/**
 * Built-in post-processor `worker_report`: per phase, how many requests each worker executed
 * (and how many failed), from the records' `worker`; under `distributed`, each worker's host, pid
 * and estimated clock offset too. Requests run on the main thread count under `main`.
 */
export class WorkerReportProcessor implements PostProcessor {
  // The app's own service manager (one per app): it knows its remote workers' hosts and clocks.
  constructor(@inject(ServiceManager.token) private readonly manager: ServiceManager) {}

  async process(phase: CreditPhase, records: RequestRecords): Promise<ProcessingResult> {
    const rows = new Map<string, WorkerRow>();
    for (const record of records) {
      const name = record.worker ?? "main";
      let row = rows.get(name);
      if (!row) {
        row = { worker: name, requests: 0, errors: 0, cancelled: 0 };
        rows.set(name, row);
      }
      row.requests++;
      if (record.cancelled) row.cancelled++;
      else if (record.error !== undefined) row.errors++;
    }
    for (const info of this.manager.workers?.() ?? []) {
      const row = rows.get(info.worker) ?? { worker: info.worker, requests: 0, errors: 0, cancelled: 0 };
      rows.set(info.worker, {
        ...row,
        host: info.host,
        pid: info.pid,
        ...(info.clockOffsetNs === undefined ? {} : { clock_offset_ns: info.clockOffsetNs, clock_rtt_ns: info.clockRttNs }),
        ...(info.lost === undefined ? {} : { lost: info.lost }),
      });
    }
    const workers = [...rows.values()].sort((a, b) => a.worker.localeCompare(b.worker, undefined, { numeric: true }));
    return { processor: "worker_report", phase, data: { workers } };
  }
}
