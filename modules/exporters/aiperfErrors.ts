import type { ProfileResults } from "aiperf";

/** AIPerf's error details: the HTTP status when the message has one, and a kind. */
export function errorDetails(message: string): { code: number | null; type: string; message: string } {
  const status = /\bHTTP (\d{3})\b/.exec(message)?.[1];
  return { code: status === undefined ? null : Number(status), type: status === undefined ? "RequestError" : "HTTPError", message };
}

/** `error_summary` as AIPerf writes it: `[{ error_details: { code, type, message }, count }]`. */
export function errorSummary(errors: ProfileResults["errors"]): { error_details: ReturnType<typeof errorDetails>; count: number }[] {
  return errors.map((e) => ({ error_details: errorDetails(e.message), count: e.count }));
}
