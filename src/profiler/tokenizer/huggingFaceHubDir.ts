import os from "node:os";
import path from "node:path";

/**
 * The local Hugging Face hub cache, as `huggingface_hub` finds it: `HF_HUB_CACHE` (or the older
 * `HUGGINGFACE_HUB_CACHE`), else `$HF_HOME/hub`, with `HF_HOME` defaulting to
 * `$XDG_CACHE_HOME/huggingface` and that to `~/.cache/huggingface`.
 * @public
 */
export function huggingFaceHubDir(env: NodeJS.ProcessEnv = process.env): string {
  const hub = env.HF_HUB_CACHE || env.HUGGINGFACE_HUB_CACHE;
  if (hub) return path.resolve(expandHome(hub));
  const home = env.HF_HOME || path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "huggingface");
  return path.resolve(expandHome(home), "hub");
}

function expandHome(p: string): string {
  return p === "~" || p.startsWith("~/") ? path.join(os.homedir(), p.slice(1)) : p;
}
