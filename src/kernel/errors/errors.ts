import { closestName } from "../util/closestName.js";
import { AiperfError, type SourceLocation } from "./AiperfError.js";
import { ErrorCode } from "./codes.js";

function choiceText(value: string, available: readonly string[]): string {
  const sorted = [...available].sort();
  const list = sorted.length > 0 ? `Available: ${sorted.join(", ")}.` : "None are available.";
  const close = closestName(value, sorted);
  return close ? `${list} Did you mean "${close}"?` : list;
}

/**
 * A protocol name that no built-in or plugin defines.
 * @public
 */
export class UnknownProtocolError extends AiperfError {
  constructor(
    readonly protocol: string,
    readonly available: readonly string[],
    location?: SourceLocation,
  ) {
    super(
      ErrorCode.UnknownProtocol,
      `Unknown protocol "${protocol}". ${choiceText(protocol, available)} Define new protocols under "protocols:" in a registry.yaml.`,
      { location },
    );
  }
}

/**
 * An implementation name that no registry provides for the protocol.
 * @public
 */
export class TypeNotFoundError extends AiperfError {
  constructor(
    readonly protocol: string,
    readonly implementation: string,
    readonly available: readonly string[],
    location?: SourceLocation,
  ) {
    super(ErrorCode.TypeNotFound, `No ${protocol} named "${implementation}". ${choiceText(implementation, available)}`, { location });
  }
}

/**
 * What identifies a lazily loaded implementation in error messages.
 * @public
 */
export interface ImplementationRef {
  protocol: string;
  name: string;
  plugin: string;
  modulePath: string;
  exportName: string;
}

function describeRef(ref: ImplementationRef): string {
  return `${ref.protocol} "${ref.name}" (plugin "${ref.plugin}", module ${ref.modulePath}, export "${ref.exportName}")`;
}

/**
 * Importing or constructing an implementation failed; `cause` holds the original error.
 * @public
 */
export class PluginLoadFailedError extends AiperfError {
  constructor(
    readonly ref: ImplementationRef,
    reason: string,
    cause?: unknown,
  ) {
    const causeText = cause instanceof Error ? `: ${cause.message}` : cause === undefined ? "" : `: ${String(cause)}`;
    super(ErrorCode.PluginLoadFailed, `Could not load ${describeRef(ref)}: ${reason}${causeText}`, { cause });
  }
}

/**
 * An implementation does not have what its protocol requires.
 * @public
 */
export class ProtocolMismatchError extends AiperfError {
  constructor(
    readonly ref: ImplementationRef,
    readonly missing: readonly string[],
  ) {
    super(
      ErrorCode.ProtocolMismatch,
      `${describeRef(ref)} does not implement the ${ref.protocol} protocol: missing method(s) ${missing.map((m) => `"${m}"`).join(", ")}. Add them to the exported class.`,
    );
  }
}

/**
 * One problem in a config value.
 * @public
 */
export interface ConfigIssue {
  path: string;
  message: string;
  location?: SourceLocation;
}

/**
 * The config (file, environment or --set) is invalid; nothing was run.
 * @public
 */
export class ConfigInvalidError extends AiperfError {
  constructor(
    readonly issues: readonly ConfigIssue[],
    subject = "config",
  ) {
    const lines = issues.map((i) => {
      const where = i.location ? `${i.location.file}${i.location.line ? `:${i.location.line}:${i.location.col ?? 1}` : ""}: ` : "";
      return `  - ${where}${i.path ? `${i.path}: ` : ""}${i.message}`;
    });
    super(ErrorCode.ConfigInvalid, `Invalid ${subject}:\n${lines.join("\n")}`);
  }
}

/**
 * One or more disposers failed; every other disposer still ran.
 * @public
 */
export class DisposeError extends AiperfError {
  constructor(readonly failures: readonly { name: string; error: unknown }[]) {
    super(
      ErrorCode.DisposeFailed,
      `${failures.length} disposer(s) failed: ${failures.map((f) => `${f.name}: ${f.error instanceof Error ? f.error.message : String(f.error)}`).join("; ")}`,
    );
  }
}

/**
 * Bad command-line usage (exit code 2).
 * @public
 */
export class UsageError extends AiperfError {
  constructor(message: string) {
    super(ErrorCode.Usage, message);
  }
}

/**
 * Malformed lines in a dataset file; nothing was sent (set `dataset.skip_invalid_lines` to skip them).
 * @public
 */
export class DatasetInvalidError extends AiperfError {
  constructor(
    readonly file: string,
    readonly problems: readonly { line: number; message: string }[],
  ) {
    const shown = problems.slice(0, 20).map((p) => `  - ${file}:${p.line}: ${p.message}`);
    const more = problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [];
    super(
      ErrorCode.DatasetInvalid,
      `${problems.length} malformed line(s) in dataset ${file}:\n${[...shown, ...more].join("\n")}\nFix them, or set dataset.skip_invalid_lines: true to skip them (each is still reported).`,
    );
  }
}
