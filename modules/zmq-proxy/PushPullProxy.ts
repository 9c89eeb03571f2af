import { inject, PLUGIN_CONFIG } from "aiperf";
import type { ZmqProxyConfig } from "./ZmqProxyConfig.js";
import { ZmqSocketProxy } from "./ZmqSocketProxy.js";

/**
 * Built-in `push_pull` proxy: producers connect PUSH sockets to `frontend` (a PULL), consumers
 * connect PULL sockets to `backend` (a PUSH); each message goes to one consumer, round robin.
 */
export class PushPullProxy extends ZmqSocketProxy {
  constructor(@inject(PLUGIN_CONFIG) config: ZmqProxyConfig) {
    super(config ?? {});
  }

  protected sockets(zmq: typeof import("zeromq")) {
    return [new zmq.Pull({ linger: 0 }), new zmq.Push({ linger: 0 })] as [InstanceType<typeof zmq.Pull>, InstanceType<typeof zmq.Push>];
  }
}
