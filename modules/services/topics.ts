import type { RequestJob, RequestRecord } from "aiperf";

/** The messages services exchange over the `communication` protocol. */
export const Topic = {
  /** timing side → worker: run this request. */
  Credit: "credit",
  /** timing side → worker: cancel that request. */
  Cancel: "cancel",
  /** worker → records manager: the request's record. */
  Record: "record",
} as const;

export interface CreditMessage {
  id: number;
  job: RequestJob;
}

export interface CancelMessage {
  id: number;
}

export interface RecordMessage {
  id: number;
  record: RequestRecord;
}
