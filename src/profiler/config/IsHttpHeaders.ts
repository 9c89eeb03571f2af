import { ValidateBy, type ValidationArguments, type ValidationOptions } from "../../kernel/validators.js";
import { httpHeaderProblem } from "../util/httpHeaderProblem.js";

/** The first problem of a headers map, or undefined when every header can be sent. */
function headersProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "must map header names to values";
  const seen = new Map<string, string>();
  for (const [name, text] of Object.entries(value)) {
    const problem = httpHeaderProblem(name, text);
    if (problem !== undefined) return problem;
    // A map keeps `Host` and `host` apart; HTTP does not, and which one was meant is a guess.
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) return `header ${name} is given twice (as ${first} and ${name}; header names ignore case): keep one`;
    seen.set(name.toLowerCase(), name);
  }
  return undefined;
}

/** Header names to values that can be sent as they are (httpHeaderProblem, each name once), so a bad `-H` is config, not a failed run. */
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
