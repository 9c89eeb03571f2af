import { inject, PLUGIN_CONFIG, preDestroy } from "aiperf";
import { ZmqCommunication } from "./ZmqCommunication.js";
import type { ZmqCommunicationConfig } from "./ZmqCommunicationConfig.js";

/** Built-in `zmq_tcp` communication: a bus between processes over TCP (by default any free loopback port). */
export class ZmqTcpCommunication extends ZmqCommunication {
  constructor(@inject(PLUGIN_CONFIG) config: ZmqCommunicationConfig) {
    super(config ?? {}, "tcp", () => ({ address: "tcp://127.0.0.1:*" }));
  }

  @preDestroy()
  override close(): Promise<void> {
    return super.close();
  }
}
