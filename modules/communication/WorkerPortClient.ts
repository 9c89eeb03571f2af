import { isMainThread, parentPort } from "node:worker_threads";
import type { CommunicationClient } from "aiperf";

/**
 * Built-in `worker_port` client: a service in a worker thread talks to the main thread over the
 * worker's MessagePort, as `{ topic, message }` envelopes (the multiprocess service manager
 * bridges them into the main thread's `communication` bus).
 */
export class WorkerPortClient implements CommunicationClient {
  constructor() {
    if (isMainThread || !parentPort) throw new Error('communication_client "worker_port" only works inside a worker thread');
  }

  send(topic: string, message: unknown): void {
    parentPort?.postMessage({ topic, message });
  }

  onMessage(topic: string, handler: (message: unknown) => void): () => void {
    const listener = (envelope: { topic?: string; message?: unknown }) => {
      if (envelope?.topic === topic) handler(envelope.message);
    };
    parentPort?.on("message", listener);
    return () => parentPort?.off("message", listener);
  }
}
