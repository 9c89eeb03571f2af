import type { RequestJob, RequestRecord } from "aiperf";

/** The messages services exchange over the `communication` protocol. */
export const Topic = {
  /** timing side → worker: run this request. */
  Credit: "credit",
  /** timing side → worker: cancel every request in flight (a phase timed out or was interrupted). */
  Cancel: "cancel",
  /** worker → records manager: the request's record. */
  Record: "record",
} as const;

export interface CreditMessage {
  id: number;
  job: RequestJob;
}

export interface RecordMessage {
  id: number;
  record: RequestRecord;
}
