import { readFileSync } from "node:fs";
import { ErrorCode } from "../errors/codes.js";
import { emptyManifest } from "../registry/emptyManifest.js";
import type { ParsedManifest } from "../registry/types.js";
import type { PluginSource } from "./PluginSource.js";

/**
 * Reads a registry file and parses it; an unreadable file is a problem of that plugin. The parser
 * (yaml, class-validator) is loaded on first need, so a start served from the manifest cache never
 * pays for it.
 */
export async function readManifest(source: PluginSource): Promise<ParsedManifest> {
  let text: string;
  try {
    text = readFileSync(source.registryFile, "utf8");
  } catch (error) {
    return emptyManifest(source.registryFile, [
      {
        code: ErrorCode.RegistryInvalid,
        severity: "error",
        message: `cannot read registry: ${(error as Error).message}`,
        location: { file: source.registryFile },
      },
    ]);
  }
  const { parseRegistry } = await import("../registry/parseRegistry.js");
  return parseRegistry(text, { file: source.registryFile, pluginRoot: source.root });
}
