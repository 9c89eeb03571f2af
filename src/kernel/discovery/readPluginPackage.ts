import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ErrorCode } from "../errors/codes.js";
import type { RegistryProblem } from "../registry/types.js";
import { jsonKeyLocation } from "../util/jsonKeyLocation.js";

/** What discovery takes from a plugin folder's package.json. */
export interface PluginPackage {
  file: string;
  name?: string;
  version?: string;
  /** The registry it declares under the host's field, relative to the folder. */
  registry?: string;
  /** True when the host's field is present (even if wrong): the package means to be a plugin. */
  marked: boolean;
  problems: RegistryProblem[];
}

/**
 * Reads the package.json of a plugin folder, if there is one. A hostile one (not JSON, `"name": 42`,
 * `"aiperf": { "registry": 42 }`, a registry outside the folder) yields problems, never an exception.
 */
export function readPluginPackage(dir: string, field: string): PluginPackage | undefined {
  const file = path.join(dir, "package.json");
  // Most plugin folders have no package.json: check first rather than pay for a thrown ENOENT.
  if (!existsSync(file)) return undefined;
  let text: string;
  let pkg: unknown;
  try {
    text = readFileSync(file, "utf8");
    pkg = JSON.parse(text);
  } catch (error) {
    const problem = packageProblem(`package.json cannot be read: ${(error as Error).message}`, { file, line: 1, col: 1 });
    return { file, marked: false, problems: [problem] };
  }
  if (pkg === null || typeof pkg !== "object" || Array.isArray(pkg)) {
    return { file, marked: false, problems: [packageProblem("package.json must be a JSON object", { file, line: 1, col: 1 })] };
  }
  const fields = pkg as Record<string, unknown>;
  const result: PluginPackage = { file, marked: Object.hasOwn(fields, field), problems: [] };
  const at = (...keys: string[]) => jsonKeyLocation(text, file, keys);
  if (typeof fields.name === "string" && fields.name !== "") result.name = fields.name;
  else if (Object.hasOwn(fields, "name")) result.problems.push(packageProblem('package.json "name" must be a non-empty string', at("name")));
  // A wrong version only loses the version shown: npm itself refuses to install such a package.
  if (typeof fields.version === "string" && fields.version !== "") result.version = fields.version;
  if (result.marked) declaredRegistry(fields[field], field, dir, at, result);
  return result;
}

function declaredRegistry(marker: unknown, field: string, dir: string, at: (...keys: string[]) => RegistryProblem["location"], out: PluginPackage): void {
  const example = `{ "${field}": { "registry": "registry.yaml" } }`;
  if (marker === null || typeof marker !== "object" || Array.isArray(marker)) {
    out.problems.push(packageProblem(`package.json "${field}" must be an object such as ${example}`, at(field)));
    return;
  }
  if (!Object.hasOwn(marker, "registry")) return;
  const registry = (marker as { registry: unknown }).registry;
  if (typeof registry !== "string" || registry === "") {
    out.problems.push(packageProblem(`package.json "${field}.registry" must be a file path such as ${example}`, at(field, "registry")));
    return;
  }
  const rel = path.relative(dir, path.resolve(dir, registry));
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    out.problems.push(packageProblem(`package.json "${field}.registry" (${registry}) must stay inside the package folder`, at(field, "registry")));
    return;
  }
  out.registry = registry;
}

function packageProblem(message: string, location: RegistryProblem["location"]): RegistryProblem {
  return { code: ErrorCode.RegistryInvalid, severity: "error", message, location };
}
