import { defineProtocol } from "./defineProtocol.js";
import type { CreditSender } from "./TimingStrategy.js";

/** In-process or multi-threaded execution of the request path. */
export interface ServiceManager {
  /** Drives one phase: issues credits through `sender`; resolves when sending is complete. */
  run(sender: CreditSender): Promise<void>;
}

/** Runs the services of a profile run */
export const ServiceManager = defineProtocol<ServiceManager>({
  name: "service_manager",
  cardinality: "one",
  members: ["run"],
  description: "Runs the services of a profile run",
});
