import fs from "node:fs";
import path from "node:path";
import { Option } from "commander";

/** The tokenizer flags of `aiperf profile`. */
export interface TokenizerFlags {
  tokenizer?: string;
  useServerTokenCount?: boolean;
}

/** `--tokenizer`: what counts tokens (see the README's "Tokenizers"). */
export const tokenizerOption = new Option(
  "--tokenizer <spec>",
  "count tokens with: a Hugging Face model id (read offline from the local cache), a folder or tokenizer.json, o200k_base, cl100k_base, or none (default: the --model name if it resolves)",
);

/** `--use-server-token-count`: prefer the server's `usage`. */
export const useServerTokenCountOption = new Option("--use-server-token-count", "prefer the server's usage token counts to the tokenizer's");

/**
 * The tokenizer flags as `--set` assignments. A spec naming a file or folder relative to the
 * current folder is made absolute here, since config values resolve against the config file's folder.
 */
export function tokenizerFlagsToSet(flags: TokenizerFlags, cwd: string): string[] {
  const set: string[] = [];
  if (flags.tokenizer !== undefined) {
    const asPath = path.resolve(cwd, flags.tokenizer);
    set.push(`tokenizer.name=${JSON.stringify(fs.existsSync(asPath) ? asPath : flags.tokenizer)}`);
  }
  if (flags.useServerTokenCount) set.push("tokenizer.use_server_usage=true");
  return set;
}
