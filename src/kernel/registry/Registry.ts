import { TypeNotFoundError, UnknownProtocolError } from "../errors/errors.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import { normalizeName } from "../util/normalizeName.js";
import type { ImplementationEntry, PluginRecord, RegistryProblem } from "./types.js";

/**
 * What discovery found: protocols, implementations (winners and shadowed), plugins, problems.
 * Metadata only: nothing here imports implementation code. One per app.
 * @public
 */
export class Registry {
  private readonly protocolsByName: ReadonlyMap<string, Protocol>;
  private readonly winnersByProtocol = new Map<string, Map<string, ImplementationEntry>>();

  constructor(
    protocols: readonly Protocol[],
    private readonly entries: readonly ImplementationEntry[],
    private readonly pluginRecords: readonly PluginRecord[],
    private readonly problemList: readonly RegistryProblem[],
  ) {
    this.protocolsByName = new Map(protocols.map((p) => [p.name, p]));
    for (const entry of entries) {
      if (!entry.winner) continue;
      let byName = this.winnersByProtocol.get(entry.protocol);
      if (!byName) {
        byName = new Map();
        this.winnersByProtocol.set(entry.protocol, byName);
      }
      byName.set(entry.name, entry);
    }
  }

  /** Every protocol (built-in and plugin-defined), internal ones only with `includeInternal`. */
  protocols(includeInternal = true): Protocol[] {
    return [...this.protocolsByName.values()].filter((p) => includeInternal || !p.internal);
  }

  /** A protocol by (any spelling of) its name; throws `AIPERF_UNKNOWN_PROTOCOL` with suggestions. */
  protocol(name: string): Protocol {
    const found = this.protocolsByName.get(normalizeName(name));
    if (!found) throw new UnknownProtocolError(name, [...this.protocolsByName.keys()]);
    return found;
  }

  /** Implementation entries, winners and shadowed, in discovery order; optionally of one protocol. */
  list(protocol?: string): ImplementationEntry[] {
    if (protocol === undefined) return [...this.entries];
    const name = this.protocol(protocol).name;
    return this.entries.filter((e) => e.protocol === name);
  }

  /** The winning entries of a protocol, in discovery order. */
  winners(protocol: string): ImplementationEntry[] {
    return [...(this.winnersByProtocol.get(this.protocol(protocol).name)?.values() ?? [])];
  }

  /** The winning entry for (protocol, name); throws `AIPERF_TYPE_NOT_FOUND` with the sorted choices. */
  entry(protocol: string, name: string): ImplementationEntry {
    const p = this.protocol(protocol);
    const found = this.winnersByProtocol.get(p.name)?.get(normalizeName(name));
    if (!found) throw new TypeNotFoundError(p.name, name, [...(this.winnersByProtocol.get(p.name)?.keys() ?? [])]);
    return found;
  }

  /** True when some plugin provides (protocol, name). */
  has(protocol: string, name: string): boolean {
    return this.winnersByProtocol.get(normalizeName(protocol))?.has(normalizeName(name)) ?? false;
  }

  /**
   * Any entry, winner or shadowed, by its class path: the absolute `module:export`, or the path as
   * written in its registry (optionally prefixed by `plugin-name/`). When one class is registered
   * under several names, pass `name` to pick one.
   */
  findByClassPath(protocol: string, classPath: string, name?: string): ImplementationEntry {
    const p = this.protocol(protocol);
    const candidates = this.entries.filter((e) => e.protocol === p.name);
    const label = (e: ImplementationEntry) => `${e.plugin}/${e.class.raw}`;
    let match = candidates.filter((e) => `${e.class.modulePath}:${e.class.exportName}` === classPath || e.class.raw === classPath || label(e) === classPath);
    if (name !== undefined) match = match.filter((e) => e.name === normalizeName(name));
    if (match.length === 1) return match[0] as ImplementationEntry;
    if (match.length > 1) {
      throw new TypeNotFoundError(
        p.name,
        `${classPath} (matches ${match.length} entries: pass the implementation name)`,
        match.map((e) => `${label(e)} as ${e.name}`),
      );
    }
    throw new TypeNotFoundError(p.name, classPath, [...new Set(candidates.map(label))]);
  }

  /** Discovered plugins, including skipped ones (with the reason). */
  plugins(): PluginRecord[] {
    return [...this.pluginRecords];
  }

  /** Every problem and warning found while discovering, in discovery order. */
  problems(): RegistryProblem[] {
    return [...this.problemList];
  }
}
