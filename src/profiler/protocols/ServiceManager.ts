import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { RequestJob } from "../model/RequestJob.js";
import type { RequestRecord } from "../model/RequestRecord.js";
import type { WorkerInfo } from "../model/WorkerInfo.js";
import type { CreditSender } from "./TimingStrategy.js";
import type { Tokenizer } from "./Tokenizer.js";
import type { TransportOptions } from "./Transport.js";

/**
 * What a service manager is given to start a run's services.
 * @public
 */
export interface ServiceContext {
  /** Where and how to connect (the embedded server's real URL when `url: embedded`). */
  transport: TransportOptions;
  /** The run's config as a plain object, with paths made absolute: workers build their own app from it. */
  config: Record<string, unknown>;
  /** The application folder (plugin discovery in workers). */
  root: string;
  /** The run's tokenizer, when one resolved: records' texts are counted with it where they are collected. */
  tokenizer?: Tokenizer;
}

/**
 * Runs the services of a profile run: the timing side issues credits (on the main thread) and
 * the request side executes them, on this thread (`in_process`) or in worker threads
 * (`multiprocess`). Results are the same whichever runs them.
 * @public
 */
export interface ServiceManager {
  /** Starts the request side (opens connections, starts workers). */
  open(context: ServiceContext): Promise<void>;
  /** Runs one request; resolves with its record and never rejects (failures are records). */
  execute(job: RequestJob, signal: AbortSignal): Promise<RequestRecord>;
  /** Drives one phase: issues credits through `sender`; resolves when sending is complete. */
  run(sender: CreditSender): Promise<void>;
  /** Stops the request side. */
  close(): Promise<void>;
  /** The remote workers of the current run, with host, pid and clock offset (distributed). Optional. */
  workers?(): readonly WorkerInfo[];
}

/** Runs the services of a profile run. */
export const ServiceManager = defineProtocol<ServiceManager>({
  name: "service_manager",
  cardinality: "one",
  members: ["open", "execute", "run", "close"],
  description: "Runs the services of a profile run (where requests are executed)",
});
