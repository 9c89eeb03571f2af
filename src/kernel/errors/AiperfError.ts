/**
 * Where in a file a problem was found (1-based line and column).
 * @public
 */
export interface SourceLocation {
  file: string;
  line?: number;
  col?: number;
}

/**
 * Renders `file:line:col` (or as much of it as is known).
 * @public
 */
export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return "";
  if (loc.line === undefined) return loc.file;
  return `${loc.file}:${loc.line}:${loc.col ?? 1}`;
}

/**
 * Base of every error the framework throws on purpose. `code` is stable and documented;
 * the message states the fact, the names involved and what to do.
 * @public
 */
export class AiperfError extends Error {
  readonly code: string;
  readonly location: SourceLocation | undefined;

  constructor(code: string, message: string, options: { cause?: unknown; location?: SourceLocation } = {}) {
    const where = formatLocation(options.location);
    super(where ? `${where}: ${message}` : message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
  }
}
