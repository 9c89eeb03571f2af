import { createRequire } from "node:module";
import { plainToInstance } from "class-transformer";
import type * as CV from "class-validator";
import { getMetadataStorage, type ValidationError } from "../validators.js";
import { closestName } from "./closestName.js";

const require = createRequire(import.meta.url);

/** class-validator's Validator from its own file (its index would load 321 files; it is stateless). */
function classValidator(): CV.Validator {
  const { Validator } = require("class-validator/cjs/validation/Validator.js") as typeof CV;
  return new Validator();
}

/** One validation failure, with the path of the offending key. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
  /** True when the key itself is unknown (point at the key, not the value). */
  unknownKey: boolean;
}

/** The properties a class-validator class declares, sorted. */
export function declaredProperties(cls: new () => object): string[] {
  const metas = getMetadataStorage().getTargetValidationMetadatas(cls, "", true, false);
  return [...new Set(metas.map((m) => m.propertyName))].sort();
}

/**
 * Converts `plain` to an instance of `cls` and validates it. Unknown keys are reported with the
 * closest declared key, so a typo like `concurency` says what was meant.
 * @public
 */
export function validateClass<T extends object>(cls: new () => T, plain: unknown): { value: T; issues: ValidationIssue[] } {
  const value = plainToInstance(cls, plain ?? {}, { exposeDefaultValues: true }) as T;
  const errors = classValidator().validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: false,
    validationError: { target: true, value: false },
  });
  const issues: ValidationIssue[] = [];
  collect(errors, [], issues);
  return { value, issues };
}

function collect(errors: ValidationError[], prefix: (string | number)[], out: ValidationIssue[]): void {
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? Number(error.property) : error.property;
    const path = [...prefix, key];
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) {
      const owner = error.target?.constructor as (new () => object) | undefined;
      const allowed = owner ? declaredProperties(owner) : [];
      const close = closestName(String(key), allowed);
      const hint = close ? ` Did you mean "${close}"?` : "";
      out.push({
        path,
        message: `unknown key "${String(key)}".${hint} Valid keys: ${allowed.join(", ")}.`,
        unknownKey: true,
      });
    } else {
      // Failing its type check and its minimum, the value is no (whole) number: the type check
      // says so, and the bounds would only be noise beside it (the type message always stays).
      const noNumber = (constraints.isInt !== undefined || constraints.isNumber !== undefined) && constraints.min !== undefined;
      for (const [name, raw] of Object.entries(constraints)) {
        if (noNumber && (name === "min" || name === "max")) continue;
        // class-validator's own wording ("a number conforming to the specified constraints") says less.
        const message = name === "isNumber" ? `${String(key)} must be a number` : raw;
        const text = message.startsWith(`${String(key)} `) ? `"${String(key)}"${message.slice(String(key).length)}` : message;
        out.push({ path, message: text, unknownKey: false });
      }
    }
    if (error.children?.length) collect(error.children, path, out);
  }
}
