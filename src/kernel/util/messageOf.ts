/** An error's message with its code and cause, for grouping in results. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
    return `${code && !error.message.includes(code) ? `${code} ` : ""}${error.message}${cause}`;
  }
  return String(error);
}
