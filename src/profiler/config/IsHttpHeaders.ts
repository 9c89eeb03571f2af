import { ValidateBy, type ValidationArguments, type ValidationOptions } from "../../kernel/validators.js";
import { httpHeaderProblem } from "../util/httpHeaderProblem.js";

/** The first problem of a headers map, or undefined when every header can be sent. */
function headersProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "must map header names to values";
  for (const [name, text] of Object.entries(value)) {
    const problem = httpHeaderProblem(name, text);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** Header names to values that can be sent as they are (httpHeaderProblem), so a bad `-H` is config, not a failed run. */
export function IsHttpHeaders(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: "isHttpHeaders",
      validator: {
        validate: (value) => headersProblem(value) === undefined,
        defaultMessage: (args?: ValidationArguments) => `$property: ${headersProblem(args?.value) ?? "invalid"}`,
      },
    },
    options,
  );
}
