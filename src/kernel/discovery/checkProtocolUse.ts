import { ErrorCode } from "../errors/codes.js";
import type { ParsedManifest, RegistryProblem } from "../registry/types.js";
import { closestName } from "../util/closestName.js";

/**
 * The protocol keys of a manifest that name no known protocol (the host's, or one any plugin
 * defines), each with the closest name and the sorted list. Run after every plugin's definitions
 * are known, since a plugin may use a protocol that a plugin read after it defines.
 */
export function checkProtocolUse(manifest: ParsedManifest, protocols: ReadonlyMap<string, unknown>): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  for (const section of manifest.sections) {
    if (protocols.has(section.protocol)) continue;
    const known = [...protocols.keys()].sort();
    const close = closestName(section.protocol, known);
    problems.push({
      code: ErrorCode.UnknownProtocol,
      severity: "error",
      message: `unknown protocol "${section.key}".${close ? ` Did you mean "${close}"?` : ""} Known protocols: ${known.join(", ")}. To define a new one, add it under "protocols:".`,
      location: section.location,
    });
  }
  return problems;
}
