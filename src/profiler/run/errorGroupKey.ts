const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
/** Words of 8+ characters mixing letters and digits: request ids, trace ids, hashes. */
const MIXED_ID = /\b(?=[\w-]*\d)(?=[\w-]*[a-z])[\w-]{8,}\b/gi;
const HEX = /\b0x[0-9a-f]+\b/gi;
/** Decimals and numbers of 4+ digits; 3-digit HTTP statuses stay. */
const NUMBER = /\b\d+\.\d+\b|\b\d{4,}\b/g;

/**
 * The template of an error message, for grouping: ids, hashes and varying numbers become
 * placeholders, so a server that puts a request id in every message still gives one group.
 */
export function errorGroupKey(message: string): string {
  return message.replace(UUID, "<uuid>").replace(HEX, "<hex>").replace(MIXED_ID, "<id>").replace(NUMBER, "<n>");
}
