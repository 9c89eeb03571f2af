import { inject, PLUGIN_CONFIG, preDestroy } from "aiperf";
import type { ZmqClientConfig } from "./ZmqClientConfig.js";
import { ZmqPeer } from "./ZmqPeer.js";

/**
 * Built-in `zmq_dealer` communication client: a service's end of a ZeroMQ bus in another process
 * (a DEALER socket joining the hub's ROUTER). Worker processes of the `multiprocess` service
 * manager use it: credits addressed to this identity come in, records go out.
 */
export class ZmqDealerClient extends ZmqPeer {
  constructor(@inject(PLUGIN_CONFIG) config: ZmqClientConfig) {
    super(config.connect, config.identity ?? `client-${process.pid}`);
  }

  @preDestroy()
  override close(): Promise<void> {
    return super.close();
  }
}
