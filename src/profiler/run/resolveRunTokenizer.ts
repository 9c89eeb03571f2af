import type { App } from "../../kernel/app/App.js";
import type { SourceLocation } from "../../kernel/errors/AiperfError.js";
import { closestName } from "../../kernel/util/closestName.js";
import type { AppConfig } from "../config/AppConfig.js";
import type { TokenizerInfo } from "../model/TokenizerInfo.js";
import type { Tokenizer } from "../protocols/Tokenizer.js";
import { cachedModelIds } from "../tokenizer/cachedModelIds.js";
import { type LoadedTokenizer, loadTokenizer, type TokenizerLookup } from "../tokenizer/loadTokenizer.js";
import { TokenizerError, TokenizerErrorCode } from "../tokenizer/TokenizerError.js";

/** `tokenizer.name: none`: count nothing client-side (server `usage`, else chunks). */
const NONE = "none";

/** The cached ids listed in an error at most (a shared cache may hold hundreds). */
const LISTED_IDS = 12;

/**
 * The run's tokenizer, resolved before anything is sent: `tokenizer.name` (`--tokenizer`) if set,
 * else the endpoint's model name. An explicit name that resolves to nothing is an
 * `AIPERF_TOKENIZER_NOT_FOUND` error; a model name that does not gives `notice`, one line for the
 * caller to log once the target is known to answer, and counts then come from the server's
 * `usage`, else from chunks.
 * @public
 */
export async function resolveRunTokenizer(
  app: App<AppConfig>,
  lookup: TokenizerLookup = {},
): Promise<{ tokenizer: Tokenizer | undefined; info: TokenizerInfo; notice?: string }> {
  const { name, use_server_usage: useServerTokenCount } = app.config.tokenizer;
  const explicit = name !== "";
  const spec = explicit ? name : app.config.endpoint.model;
  if (name.toLowerCase() === NONE) return { tokenizer: undefined, info: { name: null, spec, useServerTokenCount } };
  // A value written in a config file is relative to that file; a flag or a model name, to where aiperf runs.
  const inFile = explicit ? configFileLocation(app) : undefined;
  const loaded = await loadTokenizer(app, spec, { cwd: inFile ? app.loadedConfig.baseDir : app.root, ...lookup });
  if (loaded.tokenizer) return { tokenizer: loaded.tokenizer, info: { name: loaded.tokenizer.name, spec, useServerTokenCount } };
  if (explicit) throw notFound(spec, loaded, inFile);
  const notice =
    `no tokenizer for model "${spec}" (looked at ${loaded.looked.join(", ")}; no ${loaded.implementations.join("/")} tokenizer by that name): ` +
    "token counts come from the server's usage, else from response chunks. Pass --tokenizer to count tokens.";
  // The embedded mock server always reports usage: a notice on every default run would be noise.
  if (app.config.endpoint.url === "embedded") {
    app.logger.debug(notice);
    return { tokenizer: undefined, info: { name: null, spec, useServerTokenCount } };
  }
  return { tokenizer: undefined, info: { name: null, spec, useServerTokenCount }, notice };
}

/** Where `tokenizer.name` is written, when it is in a config file (not `--set` or `--tokenizer`). */
function configFileLocation(app: App<AppConfig>): SourceLocation | undefined {
  const location = app.loadedConfig.locate(["tokenizer", "name"]);
  return location?.line === undefined ? undefined : location;
}

function notFound(spec: string, loaded: Exclude<LoadedTokenizer, { tokenizer: Tokenizer }>, location: SourceLocation | undefined): TokenizerError {
  const ids = cachedModelIds(loaded.hubDir);
  const close = closestName(spec, [...ids, ...loaded.knownNames]);
  const cached =
    ids.length === 0
      ? `The Hugging Face cache ${loaded.hubDir} holds no models.`
      : `Cached models: ${ids.slice(0, LISTED_IDS).join(", ")}${ids.length > LISTED_IDS ? `, … (${ids.length} in all)` : ""}.`;
  const names = loaded.knownNames.length > 0 ? ` Built-in names: ${loaded.knownNames.join(", ")}.` : "";
  return new TokenizerError(
    TokenizerErrorCode.NotFound,
    `tokenizer "${spec}" not found. Looked at: ${loaded.looked.join(", ")}; no ${loaded.implementations.join("/")} tokenizer by that name. ${cached}${names}${close ? ` Did you mean "${close}"?` : ""} ` +
      "Runs are offline: put the model's tokenizer.json in the cache (huggingface-cli download <model> tokenizer.json), or pass a folder or a tokenizer.json path.",
    { location },
  );
}
