import type { Command } from "commander";

/** The load-accuracy flags of `aiperf profile`. */
export interface LoadFlags {
  /** False with `--no-prewarm`. */
  prewarm?: boolean;
  stallPolicy?: string;
}

/** Declares `--no-prewarm` and `--stall-policy` on `aiperf profile`. */
export function addLoadFlags(command: Command): Command {
  return command
    .option("--no-prewarm", "do not open the connections before the first timed request (endpoint.prewarm: false)")
    .option("--stall-policy <policy>", "request rate / trace replay after an event-loop stall: shift (default), skip, catch_up");
}

/** `--no-prewarm` and `--stall-policy` as `--set` assignments. */
export function loadFlagsToSet(flags: LoadFlags): string[] {
  const set: string[] = [];
  if (flags.prewarm === false) set.push("endpoint.prewarm=false");
  if (flags.stallPolicy !== undefined) set.push(`timing.stall_policy=${JSON.stringify(flags.stallPolicy)}`);
  return set;
}
