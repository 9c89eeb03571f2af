import { ErrorCode } from "../errors/codes.js";
import { emptyManifest } from "../registry/emptyManifest.js";
import type { ParsedManifest } from "../registry/types.js";
import { readSmallTextFile } from "../util/readSmallTextFile.js";
import type { PluginSource } from "./PluginSource.js";

/**
 * Reads a registry file and parses it; an unreadable file is a problem of that plugin. The parser
 * (yaml, class-validator) is loaded on first need, so a start served from the manifest cache never
 * pays for it.
 */
export async function readManifest(source: PluginSource): Promise<ParsedManifest> {
  const read = readSmallTextFile(source.registryFile);
  if ("problem" in read) {
    return emptyManifest(source.registryFile, [
      { code: ErrorCode.RegistryInvalid, severity: "error", message: `registry not read: ${read.problem}`, location: { file: source.registryFile } },
    ]);
  }
  const { parseRegistry } = await import("../registry/parseRegistry.js");
  return parseRegistry(read.text, { file: source.registryFile, pluginRoot: source.root });
}
