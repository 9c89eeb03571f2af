import { ValidateBy, type ValidationOptions } from "../validators.js";
import { isSemverRange, isSemverVersion } from "./semverChecks.js";

/** A valid semver version such as `1.2.3`. */
export function IsSemverVersion(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isSemverVersion",
      validator: {
        validate: (value) => typeof value === "string" && isSemverVersion(value),
        defaultMessage: () => '$property must be a semver version such as "1.0.0"',
      },
    },
    options,
  );
}

/** A valid semver range such as `>=1.0.0 <2`. */
export function IsSemverRange(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isSemverRange",
      validator: {
        validate: (value) => typeof value === "string" && isSemverRange(value),
        defaultMessage: () => '$property must be a semver range such as ">=1.0.0 <2"',
      },
    },
    options,
  );
}

/** Plugin names to optional semver ranges (`{ base: ">=1.2 <2" }`), or a list of names. */
export function IsPluginDependencies(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isPluginDependencies",
      validator: {
        validate: (value) => {
          if (Array.isArray(value)) return value.every((v) => typeof v === "string" && v.length > 0);
          if (typeof value !== "object" || value === null) return false;
          return Object.values(value).every((r) => r === null || (typeof r === "string" && isSemverRange(r)));
        },
        defaultMessage: () => '$property must map plugin names to semver ranges (such as { base: ">=1.2 <2" }) or list plugin names',
      },
    },
    options,
  );
}
