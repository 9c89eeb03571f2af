import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";

/**
 * A broker between processes: binds a front-end and a back-end socket and forwards between them
 * (built-ins `xpub_xsub`, `push_pull`, `dealer_router`).
 * @public
 */
export interface ZmqProxy {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bound front-end endpoint (where senders connect), once started. */
  readonly frontend?: string | undefined;
  /** The bound back-end endpoint (where receivers connect), once started. */
  readonly backend?: string | undefined;
}

/** Message proxy for distributed runs. */
export const ZmqProxy = defineProtocol<ZmqProxy>({
  name: "zmq_proxy",
  cardinality: "one",
  members: ["start", "stop"],
  description: "Message proxy for distributed runs",
  internal: true,
});
