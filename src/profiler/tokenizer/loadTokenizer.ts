import type { App } from "../../kernel/app/App.js";
import { messageOf } from "../../kernel/util/messageOf.js";
import type { AppConfig } from "../config/AppConfig.js";
import { Tokenizer, type TokenizerSource } from "../protocols/Tokenizer.js";
import { huggingFaceHubDir } from "./huggingFaceHubDir.js";
import { locateTokenizerFile } from "./locateTokenizerFile.js";
import { TokenizerError, TokenizerErrorCode } from "./TokenizerError.js";

/**
 * Where to look: the environment (for the Hugging Face cache) and the folder relative specs are in.
 * @public
 */
export interface TokenizerLookup {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/**
 * A tokenizer, or where it was looked for, which implementations declined it and the names they know.
 * @public
 */
export type LoadedTokenizer =
  | { tokenizer: Tokenizer }
  | { tokenizer?: undefined; looked: string[]; hubDir: string; implementations: string[]; knownNames: string[] };

/**
 * Loads the tokenizer `spec` names: finds its tokenizer.json (a file, a folder, or the local
 * Hugging Face cache) and offers the source to each `tokenizer` implementation, highest priority
 * first, until one loads it. Offline: nothing is downloaded.
 * @public
 */
export async function loadTokenizer(app: App<AppConfig>, spec: string, lookup: TokenizerLookup = {}): Promise<LoadedTokenizer> {
  const hubDir = huggingFaceHubDir(lookup.env ?? process.env);
  const location = locateTokenizerFile(spec, hubDir, lookup.cwd ?? app.loadedConfig.baseDir);
  const source: TokenizerSource = location.file === undefined ? { spec } : { spec, file: location.file };
  // Stable sort: equal priorities keep discovery order (built-ins first).
  const entries = [...app.registry.winners(Tokenizer.name)].sort((a, b) => b.priority - a.priority);
  const knownNames: string[] = [];
  for (const entry of entries) {
    const candidate = await app.get(Tokenizer, entry.name);
    if (await tryLoad(candidate, source)) return { tokenizer: candidate };
    knownNames.push(...(candidate.knownNames?.() ?? []));
  }
  return {
    looked: location.file === undefined ? location.looked : [location.file],
    hubDir,
    implementations: entries.map((e) => e.name).sort(),
    knownNames: knownNames.sort(),
  };
}

async function tryLoad(candidate: Tokenizer, source: TokenizerSource): Promise<boolean> {
  try {
    return (await candidate.load?.(source)) ?? false;
  } catch (error) {
    const what = source.file ?? source.spec;
    throw new TokenizerError(TokenizerErrorCode.Invalid, `tokenizer "${source.spec}": ${what} could not be loaded: ${messageOf(error)}`, { cause: error });
  }
}
