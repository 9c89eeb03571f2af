import { parse } from "yaml";
import { UsageError } from "../kernel/errors/errors.js";
import { isForbiddenKey } from "../kernel/util/isForbiddenKey.js";

const KEY = /^[A-Za-z_][\w.-]*$/;

/**
 * Refuses `__proto__`, `constructor` and `prototype` as a field or header name, as config files
 * and `--set` do: assigning `__proto__` to the object these flags are gathered in would replace
 * its prototype and drop the field without a word.
 */
function refuseForbidden(flag: string, key: string): void {
  if (isForbiddenKey(key)) throw new UsageError(`${flag}: key "${key}" is not allowed (it would reach an object's prototype)`);
}

/** One `--set endpoint.extra_inputs+=…` holding every field (keys with dots stay whole), added to the config file's fields. */
export function extraInputsToSet(pairs: readonly string[], json: string | undefined): string[] {
  const fields: Record<string, unknown> = {};
  if (json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch {
      throw new UsageError("--extra-inputs-json expects a JSON object, e.g. '{\"ignore_eos\": true}'");
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw new UsageError("--extra-inputs-json expects a JSON object");
    for (const [key, value] of Object.entries(parsed)) {
      refuseForbidden("--extra-inputs-json", key);
      fields[key] = value;
    }
  }
  for (const pair of pairs) {
    const colon = pair.indexOf(":");
    const key = colon > 0 ? pair.slice(0, colon).trim() : "";
    // The value is not repeated in the message: it may be a secret.
    if (!KEY.test(key)) throw new UsageError("--extra-inputs expects key:value, e.g. --extra-inputs ignore_eos:true");
    refuseForbidden("--extra-inputs", key);
    const text = pair.slice(colon + 1).trim();
    try {
      fields[key] = text === "" ? "" : parse(text);
    } catch {
      fields[key] = text;
    }
  }
  return Object.keys(fields).length > 0 ? [`endpoint.extra_inputs+=${JSON.stringify(fields)}`] : [];
}

/** `-H 'Name: value'` → one `--set endpoint.headers+=…` (added to the config's headers); a later `-H` replaces an earlier one of the same name, in any case. */
export function headersToSet(headers: readonly string[]): string[] {
  const out: Record<string, string> = {};
  for (const header of headers) {
    const colon = header.indexOf(":");
    const name = colon > 0 ? header.slice(0, colon).trim() : "";
    if (!/^[!#$%&'*+.^`|~\w-]+$/.test(name)) throw new UsageError("-H expects 'Name: value', e.g. -H 'X-Request-Source: aiperf'");
    refuseForbidden("-H", name);
    // HTTP names ignore case: `-H 'host: a' -H 'Host: b'` is one header, not two.
    for (const earlier of Object.keys(out)) if (earlier.toLowerCase() === name.toLowerCase()) delete out[earlier];
    out[name] = header.slice(colon + 1).trim();
  }
  // Merged into the config file's headers (an auth header there stays), not in their place.
  return Object.keys(out).length > 0 ? [`endpoint.headers+=${JSON.stringify(out)}`] : [];
}
