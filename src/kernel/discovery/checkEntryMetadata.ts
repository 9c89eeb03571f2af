import { ErrorCode } from "../errors/codes.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import type { ParsedManifest, RegistryProblem } from "../registry/types.js";
import { validateClass } from "../util/validateClass.js";

/**
 * The entries of a manifest whose `metadata:` does not satisfy their protocol's metadata class.
 * Checked after every plugin's definitions are known (as protocol keys are), on cached manifests
 * too, since the class belongs to the host and may change without the file changing.
 */
export function checkEntryMetadata(manifest: ParsedManifest, protocols: ReadonlyMap<string, Protocol>): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  for (const entry of manifest.entries) {
    const metadataClass = protocols.get(entry.protocol)?.metadataClass;
    if (!metadataClass) continue;
    for (const issue of validateClass(metadataClass, entry.metadata).issues) {
      problems.push({
        code: ErrorCode.RegistryInvalid,
        severity: "error",
        message: `${entry.protocol}.${entry.displayName} metadata.${issue.path.join(".")}: ${issue.message}`,
        location: entry.location,
      });
    }
  }
  return problems;
}
