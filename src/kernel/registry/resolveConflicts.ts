import { ErrorCode } from "../errors/codes.js";
import type { ConflictRule, ImplementationEntry, RegistryProblem } from "./types.js";

function describe(e: ImplementationEntry): string {
  return `${e.plugin} (${e.class.raw}, priority ${e.priority})`;
}

/** Orders two candidates; returns the rule that decided, or undefined when they tie. */
function compare(a: ImplementationEntry, b: ImplementationEntry): { first: ImplementationEntry; rule: ConflictRule } {
  if (a.priority !== b.priority) return { first: a.priority > b.priority ? a : b, rule: "priority" };
  const aBuiltin = a.origin === "builtin";
  const bBuiltin = b.origin === "builtin";
  if (aBuiltin !== bBuiltin) return { first: aBuiltin ? b : a, rule: "non_builtin" };
  return { first: a.order < b.order ? a : b, rule: "first_discovered" };
}

/**
 * Decides every (protocol, name) conflict before anything is bound: higher priority
 * wins; at equal priority a non-built-in beats a built-in; otherwise the first discovered wins and
 * a warning names both. Pure: entries in a conflict are returned as new objects marked winner or
 * shadowed; the others are returned as they came.
 */
export function resolveConflicts(entries: readonly ImplementationEntry[]): { entries: ImplementationEntry[]; warnings: RegistryProblem[] } {
  const groups = new Map<string, ImplementationEntry[]>();
  for (const entry of entries) {
    const key = `${entry.protocol}\u0000${entry.name}`;
    const group = groups.get(key);
    if (group) group.push(entry);
    else groups.set(key, [entry]);
  }
  const out: ImplementationEntry[] = [];
  const warnings: RegistryProblem[] = [];
  for (const group of groups.values()) {
    if (group.length === 1) {
      const only = group[0] as ImplementationEntry;
      // No conflict: reuse the entry (the common case; copying thousands of them shows in start-up).
      out.push(only.winner ? only : { ...only, winner: true });
      continue;
    }
    let winner = group[0] as ImplementationEntry;
    for (const candidate of group.slice(1)) winner = compare(winner, candidate).first;
    const beat: string[] = [];
    let winnerRule: ConflictRule = "first_discovered";
    for (const other of group) {
      if (other === winner) continue;
      const { rule } = compare(winner, other);
      if (rule === "priority" || (rule === "non_builtin" && winnerRule === "first_discovered")) winnerRule = rule;
      beat.push(describe(other));
      out.push({ ...other, winner: false, decision: { rule, beatenBy: describe(winner) } });
      if (rule === "first_discovered") {
        warnings.push({
          code: ErrorCode.ConflictAmbiguous,
          severity: "warning",
          message: `${winner.protocol} "${winner.name}" is provided by both ${describe(winner)} and ${describe(other)} at the same priority; using ${winner.plugin} (discovered first). Set a higher "priority" on the one you want.`,
          location: other.location,
          plugin: other.plugin,
        });
      }
    }
    out.push({ ...winner, winner: true, decision: { rule: winnerRule, beat } });
  }
  out.sort((a, b) => a.order - b.order);
  return { entries: out, warnings };
}
