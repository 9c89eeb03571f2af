// A worker thread of the `multiprocess` service manager: builds its own app from the run's config
// and executes the requests it is sent. Messages: {job, id} and {cancel, id} in; {ready},
// {record, id} and {failed} out.
import { parentPort, workerData } from "node:worker_threads";
import { createApp, Endpoint, executeRequest, type RequestJob, silentLogger, Transport, type TransportOptions } from "aiperf";

interface Data {
  config: Record<string, unknown>;
  root: string;
  transport: TransportOptions;
}

type Incoming = { type: "job"; id: number; job: RequestJob } | { type: "cancel"; id: number } | { type: "close" };

const port = parentPort;
if (!port) throw new Error("creditWorker must run in a worker thread");
const data = workerData as Data;
try {
  const app = await createApp({ config: data.config, root: data.root, logger: silentLogger, isTTY: false });
  const deps = { endpoint: await app.get(Endpoint), transport: await app.get(Transport) };
  deps.transport.open(data.transport);
  const running = new Map<number, AbortController>();
  port.on("message", (message: Incoming) => {
    if (message.type === "job") {
      const controller = new AbortController();
      running.set(message.id, controller);
      void executeRequest(message.job, deps, controller.signal).then((record) => {
        running.delete(message.id);
        port.postMessage({ type: "record", id: message.id, record });
      });
    } else if (message.type === "cancel") {
      running.get(message.id)?.abort();
    } else {
      void deps.transport
        .close()
        .then(() => app.dispose())
        .finally(() => port.close());
    }
  });
  port.postMessage({ type: "ready" });
} catch (error) {
  port.postMessage({ type: "failed", message: error instanceof Error ? `${(error as { code?: string }).code ?? ""} ${error.message}`.trim() : String(error) });
}
