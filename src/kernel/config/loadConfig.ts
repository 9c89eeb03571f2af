import path from "node:path";
import { type Document, LineCounter, parseDocument } from "yaml";
import type { SourceLocation } from "../errors/AiperfError.js";
import { ConfigInvalidError, type ConfigIssue } from "../errors/errors.js";
import { yamlLocation } from "../registry/yamlLocation.js";
import { escapeRegExp } from "../util/escapeRegExp.js";
import { readSmallTextFile } from "../util/readSmallTextFile.js";
import { validateClass } from "../util/validateClass.js";
import { applySet } from "./applySet.js";
import { type InterpolationIssue, interpolateEnv } from "./interpolateEnv.js";
import { KernelConfig } from "./KernelConfig.js";
import { assertSafeKeys } from "./safeKeys.js";

/**
 * Where config comes from. Later sources override earlier ones: file, then `set`.
 * @public
 */
export interface ConfigSource {
  /** A YAML file path, or an already parsed object. */
  config?: string | Record<string, unknown> | undefined;
  /** `a.b=c` assignments (the CLI's `--set`). */
  set?: readonly string[] | undefined;
  /**
   * What errors call each `set` assignment, by position (the command-line flag it was made from,
   * say `--concurrency`); `--set <key>` where there is none.
   */
  setLabels?: readonly (string | undefined)[] | undefined;
  /** Variables for `${VAR}`; defaults to `process.env`. */
  env?: Record<string, string | undefined> | undefined;
}

/**
 * How a host reads its config: the class that validates it (with a `plugins` section) and a hook
 * that reshapes the plain object first (shorthands, keys routed elsewhere).
 * @public
 */
export interface ConfigSchema<T extends KernelConfig = KernelConfig> {
  configClass?: new () => T;
  /**
   * Runs after `${VAR}` substitution and `--set`, before validation: returns the object to
   * validate (a reshaped copy; `raw` stays as written).
   */
  prepare?: (raw: Record<string, unknown>) => Record<string, unknown>;
}

/**
 * A validated config and what is needed to point at its keys.
 * @public
 */
export interface LoadedConfig<T extends KernelConfig = KernelConfig> {
  config: T;
  /** The plain object that was validated (after substitution and `--set`). */
  raw: Record<string, unknown>;
  /** The config file, if any. */
  file?: string;
  /** Relative paths in config (plugins.paths, output.dir) resolve against this folder. */
  baseDir: string;
  /** file:line:col of a key, for error messages. */
  locate(keyPath: readonly (string | number)[]): SourceLocation | undefined;
}

type Locate = (keyPath: readonly (string | number)[], message?: string) => SourceLocation | undefined;

/** `key` appears in `message` as a word of its own (`requests` in "set requests or duration_s"). */
function mentions(message: string, key: string): boolean {
  return new RegExp(`(^|[^\\w])${escapeRegExp(key)}($|[^\\w])`).test(message);
}

/** Reads and parses a YAML config file; every problem is a coded error naming the file. */
function readConfigFile(file: string): { raw: Record<string, unknown>; locate: Locate } {
  const read = readSmallTextFile(file);
  if ("problem" in read) throw new ConfigInvalidError([{ path: "", message: `config file not read: ${read.problem}`, location: { file } }]);
  const text = read.text;
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { lineCounter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ConfigInvalidError(
      doc.errors.map((e) => ({
        path: "",
        message: `YAML syntax error: ${e.message.split("\n")[0]}`,
        location: { file, line: e.linePos?.[0].line ?? 1, col: e.linePos?.[0].col ?? 1 },
      })),
    );
  }
  const locate: Locate = (keyPath) => yamlLocation(doc, lineCounter, file, keyPath, "key");
  const fail = (message: string) => new ConfigInvalidError([{ path: "", message, location: { file, line: 1, col: 1 } }]);
  let js: unknown;
  try {
    // A YAML alias bomb or cycle would expand without bound: the yaml library refuses past this.
    js = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw fail(`YAML cannot be expanded: ${(error as Error).message}`);
  }
  if (js === null || js === undefined) return { raw: {}, locate };
  if (typeof js !== "object" || Array.isArray(js)) throw fail("the config file must be a mapping of keys to values");
  assertSafeKeys(js, locate);
  return { raw: js as Record<string, unknown>, locate };
}

/** The plain config and where its keys are: the file (or a copy of the object) with `--set` applied. */
function readSources(source: ConfigSource): { raw: Record<string, unknown>; interpolationIssues: InterpolationIssue[]; locate: Locate; file?: string } {
  let raw: Record<string, unknown> = {};
  let inFile: Locate = () => undefined;
  const file = typeof source.config === "string" ? path.resolve(source.config) : undefined;
  if (file) ({ raw, locate: inFile } = readConfigFile(file));
  else if (source.config) {
    assertSafeKeys(source.config);
    raw = structuredClone(source.config as Record<string, unknown>);
  }
  const interpolationIssues: InterpolationIssue[] = [];
  raw = interpolateEnv(raw, source.env ?? process.env, interpolationIssues) as Record<string, unknown>;
  const setPaths = new Map<string, string>();
  for (const [i, assignment] of (source.set ?? []).entries()) {
    const keyPath = applySet(raw, assignment);
    setPaths.set(keyPath.join("."), source.setLabels?.[i] ?? `--set ${keyPath.join(".")}`);
  }
  const locate: Locate = (keyPath, message) => {
    const dotted = keyPath.join(".");
    for (const [setPath, label] of setPaths) {
      if (dotted === setPath || dotted.startsWith(`${setPath}.`)) return { file: label };
    }
    // A rule over a whole section (one field or another) broken by assignments inside it: those
    // are what the user just typed, not the section's line in a file they may never have opened.
    // Of those, the ones the message names, when it names any (`timeout_s` has no part in "set
    // requests or duration_s").
    const inside = [...setPaths].filter(([setPath]) => setPath.startsWith(`${dotted}.`));
    const named = message === undefined ? [] : inside.filter(([setPath]) => mentions(message, setPath.slice(dotted.length + 1)));
    const labels = (named.length > 0 ? named : inside).map(([, label]) => label);
    return labels.length > 0 ? { file: [...new Set(labels)].join(", ") } : inFile(keyPath);
  };
  return { raw, interpolationIssues, locate, ...(file ? { file } : {}) };
}

/**
 * Reads, substitutes, overrides and validates a config with the host's class. Throws
 * `ConfigInvalidError` (`AIPERF_CONFIG_INVALID`) listing every problem with file:line:col; no
 * message ever includes a config value, so secrets cannot leak through errors.
 * @public
 */
export function loadConfig<T extends KernelConfig = KernelConfig>(source: ConfigSource = {}, schema: ConfigSchema<T> = {}): LoadedConfig<T> {
  const { raw, interpolationIssues, locate, file } = readSources(source);
  const prepared = schema.prepare ? schema.prepare(structuredClone(raw)) : raw;
  const issues: ConfigIssue[] = interpolationIssues.map((i) => withLocation(i.path, i.message, locate(i.path)));
  const validated = validateClass((schema.configClass ?? KernelConfig) as new () => T, prepared);
  for (const issue of validated.issues) issues.push(withLocation(issue.path, issue.message, locate(issue.path, issue.message)));
  if (issues.length > 0) throw new ConfigInvalidError(issues);
  return { config: validated.value, raw, ...(file ? { file } : {}), baseDir: file ? path.dirname(file) : process.cwd(), locate };
}

function withLocation(keyPath: (string | number)[], message: string, location: SourceLocation | undefined): ConfigIssue {
  return { path: keyPath.join("."), message, ...(location ? { location } : {}) };
}
