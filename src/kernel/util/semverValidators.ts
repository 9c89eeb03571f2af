import { ValidateBy, type ValidationOptions } from "class-validator";
import semver from "semver";

/** A valid semver version such as `1.2.3`. */
export function IsSemverVersion(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isSemverVersion",
      validator: {
        validate: (value) => typeof value === "string" && semver.valid(value) !== null,
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
        validate: (value) => typeof value === "string" && semver.validRange(value) !== null,
        defaultMessage: () => '$property must be a semver range such as ">=1.0.0 <2"',
      },
    },
    options,
  );
}
