import path from "node:path";

/** A `module:export` reference resolved against its registry file. */
export interface ResolvedClassPath {
  /** As written in the registry. */
  raw: string;
  /** Absolute path of the module file. */
  modulePath: string;
  exportName: string;
  /** The plugin folder the module must stay inside, also after symlinks are followed (checked at import). */
  root?: string;
}

/** Why a class path was refused, or the resolved path. */
export type ClassPathResult = { ok: true; value: ResolvedClassPath } | { ok: false; reason: string };

/**
 * Resolves `./dist/x.js:Export` relative to the registry's folder. Class paths must stay inside
 * the plugin's own folder: absolute paths, `..` escapes, URLs and `node:` are refused
 * so a registry cannot make the app import arbitrary code.
 */
export function resolveClassPath(raw: string, registryFile: string, pluginRoot: string): ClassPathResult {
  const colon = raw.lastIndexOf(":");
  const hasExport = colon > 0 && /^[A-Za-z_$][\w$]*$/.test(raw.slice(colon + 1));
  const modulePart = hasExport ? raw.slice(0, colon) : raw;
  const exportName = hasExport ? raw.slice(colon + 1) : "default";
  if (/^[a-z][a-z0-9+.-]*:/i.test(modulePart)) {
    return {
      ok: false,
      reason: `"${raw}" is a URL or "${modulePart.split(":")[0]}:" specifier; use a path relative to the registry file, such as "./dist/module.js:Export"`,
    };
  }
  if (path.isAbsolute(modulePart) || modulePart.startsWith("\\")) {
    return { ok: false, reason: `"${raw}" is an absolute path; use a path relative to the registry file, such as "./dist/module.js:Export"` };
  }
  if (!modulePart.startsWith("./") && !modulePart.startsWith("../")) {
    return { ok: false, reason: `"${raw}" must start with "./" (a path relative to the registry file), not a package name` };
  }
  const modulePath = path.resolve(path.dirname(registryFile), modulePart);
  const rel = path.relative(pluginRoot, modulePath);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    return { ok: false, reason: `"${raw}" resolves to ${modulePath}, outside the plugin folder ${pluginRoot}` };
  }
  return { ok: true, value: { raw, modulePath, exportName, root: pluginRoot } };
}
