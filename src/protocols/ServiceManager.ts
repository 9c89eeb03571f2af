import type { RequestRecord } from "../model/RequestRecord.js";
import { defineProtocol } from "./defineProtocol.js";
import type { CreditSender } from "./TimingStrategy.js";

/** In-process or multi-threaded execution of the request path. */
export interface ServiceManager {
  /** Drives one phase: issues credits through `sender`, returns the finished records. */
  run(sender: CreditSender): Promise<RequestRecord[]>;
}

/** Runs the services of a profile run */
export const ServiceManager = defineProtocol<ServiceManager>({
  name: "service_manager",
  cardinality: "one",
  members: ["run"],
  description: "Runs the services of a profile run",
});
