import { inject, PLUGIN_CONFIG } from "aiperf";
import type { ZmqProxyConfig } from "./ZmqProxyConfig.js";
import { ZmqSocketProxy } from "./ZmqSocketProxy.js";

/**
 * Built-in `dealer_router` proxy: clients connect DEALER (or REQ) sockets to `frontend` (a
 * ROUTER), workers connect DEALER (or REP) sockets to `backend` (a DEALER); requests are spread
 * over the workers and each reply finds its way back to the client that asked.
 */
export class DealerRouterProxy extends ZmqSocketProxy {
  constructor(@inject(PLUGIN_CONFIG) config: ZmqProxyConfig) {
    super(config ?? {});
  }

  protected sockets(zmq: typeof import("zeromq")) {
    return [new zmq.Router({ linger: 0 }), new zmq.Dealer({ linger: 0 })] as [InstanceType<typeof zmq.Router>, InstanceType<typeof zmq.Dealer>];
  }
}
