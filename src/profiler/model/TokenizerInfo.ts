/**
 * Which tokenizer a run counted with and its token-count policy, as the exports report them.
 * @public
 */
export interface TokenizerInfo {
  /** The tokenizer's name (a model id, a file, `o200k_base`), or null when none resolved. */
  name: string | null;
  /** What was asked for: `--tokenizer`, else the endpoint's model name. */
  spec: string;
  /** `--use-server-token-count`: the server's `usage` is preferred to the tokenizer's counts. */
  useServerTokenCount: boolean;
}
