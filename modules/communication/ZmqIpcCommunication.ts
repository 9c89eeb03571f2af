import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject, PLUGIN_CONFIG, preDestroy } from "aiperf";
import { ZmqCommunication } from "./ZmqCommunication.js";
import type { ZmqCommunicationConfig } from "./ZmqCommunicationConfig.js";

/**
 * Built-in `zmq_ipc` communication: a bus between processes of one machine over a Unix socket
 * (by default in a fresh temp folder, removed on close).
 */
export class ZmqIpcCommunication extends ZmqCommunication {
  constructor(@inject(PLUGIN_CONFIG) config: ZmqCommunicationConfig) {
    super(config ?? {}, "ipc", () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), "aiperf-zmq-"));
      return { address: `ipc://${path.join(dir, "bus")}`, dir };
    });
  }

  @preDestroy()
  override close(): Promise<void> {
    return super.close();
  }
}
