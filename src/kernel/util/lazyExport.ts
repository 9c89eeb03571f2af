import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A function export of a CommonJS module, required on its first call: importing the wrapper
 * costs nothing, so only the files a program really calls are loaded.
 */
export function lazyExport<T>(specifier: string, name: string): T {
  let target: ((...args: unknown[]) => unknown) | undefined;
  const call = (...args: unknown[]): unknown => {
    target ??= (require(specifier) as Record<string, (...args: unknown[]) => unknown>)[name];
    if (typeof target !== "function") throw new TypeError(`${specifier} has no function export ${name}`);
    return target(...args);
  };
  return call as T;
}
