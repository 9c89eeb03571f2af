// A worker process of the `multiprocess` service manager: builds its own app from the run's config
// (with the `zmq_dealer` communication client joining the manager's bus) and runs the `worker`
// service in it: credits in and records out over ZeroMQ. The Node IPC channel only starts and
// stops the process, and ties its life to the parent's: when the parent goes (even `kill -9`), the
// channel closes and this process exits.
import { rmSync } from "node:fs";
import { CommunicationClient, type ServiceContext } from "aiperf";
import { startWorkerApp } from "./startWorkerApp.js";

/** What the manager sends first, over the IPC channel. */
export interface ProcessWorkerStart {
  context: ServiceContext;
  /** The manager's ZeroMQ hub. */
  address: string;
  /** This worker's name on the bus (and in records). */
  identity: string;
  /** The manager's temp folder (its ipc socket): removed here when the manager dies without closing. */
  dir: string;
}

if (!process.send) throw new Error("processWorker must be started by the multiprocess service manager (child_process.fork)");
const send = process.send.bind(process);
let dir: string | undefined;
process.on("disconnect", () => {
  // The manager is gone (a clean close stops workers first): nobody else will remove its socket folder.
  if (dir) rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
// Ctrl-C reaches the whole process group: the parent decides what stops and when.
process.on("SIGINT", () => undefined);
let running: Awaited<ReturnType<typeof startWorkerApp>> | undefined;
process.on("message", (message: { topic?: string }) => {
  if (message?.topic !== "stop") return;
  // Stopped while still starting (a Ctrl-C before the first request): nothing to finish, end now.
  if (running === undefined) process.exit(0);
  void running.stop().finally(() => process.exit(0));
});

process.once("message", (start: ProcessWorkerStart) => {
  dir = start.dir;
  startWorkerApp(start.context, { name: "zmq_dealer", settings: { connect: start.address, identity: start.identity } }).then(
    async (started) => {
      running = started;
      const client = await started.app.get(CommunicationClient);
      // After the worker's subscriptions, on the same socket: once the hub sees this, it can route credits here.
      client.send("ready", { identity: start.identity, pid: process.pid });
    },
    (error: unknown) => {
      send({ topic: "failed", message: error instanceof Error ? error.message : String(error) }, undefined, {}, () => process.exit(1));
    },
  );
});
