import { inject, PLUGIN_CONFIG } from "aiperf";
import type { ZmqProxyConfig } from "./ZmqProxyConfig.js";
import { ZmqSocketProxy } from "./ZmqSocketProxy.js";

/**
 * Built-in `xpub_xsub` proxy: publishers connect PUB sockets to `frontend` (an XSUB), subscribers
 * connect SUB sockets to `backend` (an XPUB); subscriptions travel upstream, messages downstream.
 */
export class XpubXsubProxy extends ZmqSocketProxy {
  constructor(@inject(PLUGIN_CONFIG) config: ZmqProxyConfig) {
    super(config ?? {});
  }

  protected sockets(zmq: typeof import("zeromq")) {
    return [new zmq.XSubscriber({ linger: 0 }), new zmq.XPublisher({ linger: 0 })] as [
      InstanceType<typeof zmq.XSubscriber>,
      InstanceType<typeof zmq.XPublisher>,
    ];
  }
}
