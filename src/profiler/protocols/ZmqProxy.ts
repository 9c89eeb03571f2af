import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * A broker between processes (no built-in implementation).
 * @public
 */
export interface ZmqProxy {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Message proxy for distributed runs. */
export const ZmqProxy = defineProtocol<ZmqProxy>({
  name: "zmq_proxy",
  cardinality: "one",
  members: ["start", "stop"],
  description: "Message proxy for distributed runs",
  internal: true,
});
