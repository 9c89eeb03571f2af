/** One failed substitution. */
export interface InterpolationIssue {
  path: (string | number)[];
  message: string;
}

const PATTERN = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)([^}]*))?\}/g;

/**
 * Substitutes `${VAR}`, `${VAR:-default}` and `${VAR:?message}` in every string of `value`;
 * `$${` stays as a literal `${`. A string that was one whole `${...}` and now reads as a number or
 * boolean becomes that type, so `concurrency: ${CONC}` validates as a number.
 */
export function interpolateEnv(value: unknown, env: Record<string, string | undefined>, issues: InterpolationIssue[], path: (string | number)[] = []): unknown {
  if (typeof value === "string") return interpolateString(value, env, issues, path);
  if (Array.isArray(value)) return value.map((v, i) => interpolateEnv(v, env, issues, [...path, i]));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = interpolateEnv(v, env, issues, [...path, k]);
    return out;
  }
  return value;
}

function interpolateString(text: string, env: Record<string, string | undefined>, issues: InterpolationIssue[], path: (string | number)[]): unknown {
  if (!text.includes("${")) return text;
  let whole = false;
  const result = text.replace(PATTERN, (match, name: string | undefined, op: string | undefined, arg: string | undefined, offset: number) => {
    if (match === "$${") return "${";
    whole = offset === 0 && match.length === text.length;
    const current = env[name as string];
    const isSet = current !== undefined && current !== "";
    if (op === ":-") return isSet ? (current as string) : (arg ?? "");
    if (op === ":?") {
      if (!isSet) issues.push({ path, message: `environment variable ${name} is required: ${arg || "set it before running"}` });
      return current ?? "";
    }
    if (current === undefined) {
      issues.push({ path, message: `environment variable ${name} is not set; set it, or write \${${name}:-default}` });
      return "";
    }
    return current;
  });
  if (whole) {
    if (/^-?\d+(\.\d+)?$/.test(result)) return Number(result);
    if (result === "true" || result === "false") return result === "true";
  }
  return result;
}
