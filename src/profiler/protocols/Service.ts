import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { ServiceContext } from "./ServiceManager.js";

/**
 * A long-running part of a run, started and stopped by the service manager. Services talk to
 * each other only through the `communication` protocol (credits out, records back, cancel).
 * @public
 */
export interface Service {
  /** `context` carries the run's transport options and config (the worker service needs them). */
  start(context?: ServiceContext): Promise<void>;
  stop(): Promise<void>;
}

/** A long-running part of a run (timing manager, worker, records manager). */
export const Service = defineProtocol<Service>({
  name: "service",
  cardinality: "many",
  members: ["start", "stop"],
  description: "A long-running part of a run (timing manager, worker, records manager)",
});
