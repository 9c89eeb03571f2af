// A worker thread of the `threads` service manager: builds its own app from the run's config
// (with the `worker_port` communication client) and runs the `worker` service in it. Envelopes
// `{topic, message}` flow over the port; "ready", "failed" and "stop" manage the thread itself.
import { parentPort, workerData } from "node:worker_threads";
import type { ServiceContext } from "aiperf";
import { startWorkerApp } from "./startWorkerApp.js";

const port = parentPort;
if (!port) throw new Error("creditWorker must run in a worker thread");
const { context } = workerData as { context: ServiceContext };
let running: Awaited<ReturnType<typeof startWorkerApp>> | undefined;
port.on("message", (envelope: { topic?: string }) => {
  if (envelope?.topic !== "stop") return;
  // Stopped while still starting (a Ctrl-C before the first request): nothing to finish, end now.
  if (running === undefined) process.exit(0);
  void running.stop().finally(() => port.close());
});
try {
  running = await startWorkerApp(context, { name: "worker_port" });
  port.postMessage({ topic: "ready" });
} catch (error) {
  port.postMessage({ topic: "failed", message: error instanceof Error ? error.message : String(error) });
}
