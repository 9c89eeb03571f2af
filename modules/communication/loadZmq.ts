/** The `zeromq` module, imported on first use only: runs that never touch ZeroMQ never load its native addon. */
export type Zmq = typeof import("zeromq");

let loading: Promise<Zmq> | undefined;

/** Imports `zeromq` once per process. */
export function loadZmq(): Promise<Zmq> {
  loading ??= import("zeromq");
  return loading;
}
