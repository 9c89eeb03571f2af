import fs from "node:fs";

const MODEL_DIR = /^models--(.+)$/;

/**
 * The model ids held in a Hugging Face hub cache folder (`models--org--name` → `org/name`), sorted;
 * [] when the folder does not exist.
 * @public
 */
export function cachedModelIds(hubDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(hubDir);
  } catch {
    return [];
  }
  const ids: string[] = [];
  for (const name of names) {
    const match = MODEL_DIR.exec(name);
    if (match) ids.push((match[1] as string).split("--").join("/"));
  }
  return ids.sort();
}

/** The cache folder name of a model id, as `huggingface_hub` writes it. */
export function modelDirName(id: string): string {
  return `models--${id.split("/").join("--")}`;
}
