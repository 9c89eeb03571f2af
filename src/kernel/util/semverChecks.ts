import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// semver's index loads its 47 files; these three need a third of them, loaded on first use.

/** Whether `value` is a semver version such as `1.2.3`. */
export function isSemverVersion(value: string): boolean {
  return (require("semver/functions/valid") as typeof import("semver/functions/valid.js"))(value) !== null;
}

/** Whether `value` is a semver range such as `>=1.0.0 <2`. */
export function isSemverRange(value: string): boolean {
  return (require("semver/ranges/valid") as typeof import("semver/ranges/valid.js"))(value) !== null;
}

/** Whether `version` is in `range`, pre-releases included (a plugin built against 2.0.0-rc.1 counts). */
export function satisfiesRange(version: string, range: string): boolean {
  return (require("semver/functions/satisfies") as typeof import("semver/functions/satisfies.js"))(version, range, { includePrerelease: true });
}
