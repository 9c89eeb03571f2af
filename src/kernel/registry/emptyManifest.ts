import type { ParsedManifest, RegistryProblem } from "./types.js";

/** A manifest that provides nothing: what a registry that cannot be read or parsed contributes. */
export function emptyManifest(file: string, problems: RegistryProblem[] = []): ParsedManifest {
  return { file, plugin: {}, protocols: [], sections: [], entries: [], problems };
}
