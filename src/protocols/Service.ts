import { defineProtocol } from "./defineProtocol.js";

/** Started and stopped by the service manager. */
export interface Service {
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A long-running part of a run (timing manager, worker, records manager) */
export const Service = defineProtocol<Service>({
  name: "service",
  cardinality: "many",
  members: ["start", "stop"],
  description: "A long-running part of a run (timing manager, worker, records manager)",
});
