/** |server − client| / client × 100; undefined when either is missing or the client counted 0. */
export function diffPct(server: number | undefined, client: number | undefined): number | undefined {
  if (server === undefined || client === undefined || client === 0) return undefined;
  return (Math.abs(server - client) / client) * 100;
}
