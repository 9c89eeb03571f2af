import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";

/** One import of a file, with where it is. */
export interface ImportSite {
  specifier: string;
  line: number;
}

/**
 * Every module specifier a TypeScript file names: `import … from`, `import "x"`, `export … from`,
 * `import x = require("x")`, `import("x")`, `require("x")` and type-level `import("x")`.
 * Dynamic imports of a computed value (a plugin's module URL) name no module and are skipped.
 */
export function importSites(fileName: string, text: string): ImportSite[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const sites: ImportSite[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) {
      sites.push({ specifier: node.text, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) add(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return sites;
}

const builtins = new Set(builtinModules);

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] as string);
}

/**
 * Why `specifier`, imported by `file`, breaks the kernel's dependency rule, or undefined when it
 * is allowed: relative paths must stay inside `kernelDir`; bare ones must be Node built-ins or
 * npm `dependencies`, never the framework's own package.
 */
export function violation(file: string, specifier: string, kernelDir: string, dependencies: ReadonlySet<string>): string | undefined {
  if (specifier.startsWith("./") || specifier.startsWith("../")) {
    const target = path.resolve(path.dirname(file), specifier);
    const inside = path.relative(kernelDir, target);
    return inside.startsWith("..") || path.isAbsolute(inside) ? `leaves src/kernel (${path.relative(path.dirname(kernelDir), target)})` : undefined;
  }
  if (specifier.startsWith("node:") || builtins.has(specifier)) return undefined;
  if (specifier.startsWith("/") || specifier.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(specifier))
    return "is not a relative path, a built-in or a package";
  const name = packageName(specifier);
  if (name === "aiperf") return "imports the framework's own package";
  return dependencies.has(name) ? undefined : `"${name}" is not in package.json dependencies`;
}
