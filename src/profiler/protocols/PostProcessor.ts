import { defineProtocol } from "../../kernel/protocol/defineProtocol.js";
import type { CreditPhase } from "../model/CreditPhase.js";
import type { PhaseStats } from "../model/PhaseStats.js";
import type { ProcessingResult } from "../model/ProcessingResult.js";
import type { RequestRecords } from "../model/RequestRecords.js";

/**
 * Runs after each phase on that phase's records. Read them before `process` settles: a long
 * warm-up's token times live in a temporary file that is released once its phase is done.
 * @public
 */
export interface PostProcessor {
  process(phase: CreditPhase, records: RequestRecords, stats: PhaseStats): Promise<ProcessingResult>;
}

/** Analyses a completed phase's records */
export const PostProcessor = defineProtocol<PostProcessor>({
  name: "post_processor",
  cardinality: "many",
  members: ["process"],
  description: "Analyses a completed phase's records",
});
