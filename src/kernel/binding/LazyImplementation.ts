import { Container, type Newable } from "inversify";
import { PLUGIN_CONFIG, PLUGIN_ENTRY } from "../app/tokens.js";
import { AiperfError } from "../errors/AiperfError.js";
import { type ImplementationRef, PluginLoadFailedError, ProtocolMismatchError } from "../errors/errors.js";
import type { Protocol } from "../protocol/defineProtocol.js";
import type { ImplementationEntry } from "../registry/types.js";
import { tagInstance } from "./entryOf.js";
import { importModule } from "./importModule.js";

/** What a lazy implementation needs from its app. */
export interface LazyContext {
  /** The app container: the parent of every instance's own child container. */
  container: Container;
  /** The validated config for an entry (runs its config class), or undefined. */
  configFor(entry: ImplementationEntry): Promise<unknown>;
  /** Records a built instance's container for disposal, in creation order. */
  track(container: Container, label: string): void;
}

/**
 * Context given to an implementation exported as a plain factory function.
 * @public
 */
export interface ImplementationFactoryContext {
  config: unknown;
  entry: ImplementationEntry;
  container: Container;
}

/** The members of `members` that are not functions on `value`. */
export function missingMembers(value: unknown, members: readonly string[]): string[] {
  if (value === null || (typeof value !== "object" && typeof value !== "function")) return [...members];
  const obj = value as Record<string, unknown>;
  return members.filter((m) => typeof obj[m] !== "function");
}

function isClass(value: unknown): value is Newable<object> {
  return typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value));
}

/** Describes an entry for error messages. */
export function refOf(entry: ImplementationEntry): ImplementationRef {
  return { protocol: entry.protocol, name: entry.name, plugin: entry.plugin, modulePath: entry.class.modulePath, exportName: entry.class.exportName };
}

/**
 * One registry entry in one app: imported and built on first `resolve()`, then cached (singleton
 * scope). Concurrent first calls share one import. A failure is not cached: the next call tries
 * again, which is why inversify's own singleton scope (which caches rejections) is not used.
 */
export class LazyImplementation {
  private pending: Promise<unknown> | undefined;
  private validatedConfig: Promise<unknown> | undefined;

  constructor(
    readonly entry: ImplementationEntry,
    private readonly protocol: Protocol,
    private readonly context: LazyContext,
  ) {}

  resolve(): Promise<unknown> {
    if (this.entry.scope === "transient") return this.create();
    if (!this.pending) {
      this.pending = this.create();
      this.pending.catch(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }

  /** The entry's validated config block; checked once, and again after a failure. */
  config(): Promise<unknown> {
    if (!this.validatedConfig) {
      this.validatedConfig = this.context.configFor(this.entry);
      this.validatedConfig.catch(() => {
        this.validatedConfig = undefined;
      });
    }
    return this.validatedConfig;
  }

  private async create(): Promise<unknown> {
    const ref = refOf(this.entry);
    let mod: Record<string, unknown>;
    try {
      mod = await importModule(this.entry.class.modulePath, this.entry.class.root);
    } catch (error) {
      throw new PluginLoadFailedError(ref, "importing the module failed", error);
    }
    const exported = mod[this.entry.class.exportName];
    if (exported === undefined) {
      const names = Object.keys(mod).sort();
      throw new PluginLoadFailedError(
        ref,
        `the module has no export "${this.entry.class.exportName}" (it exports: ${names.join(", ") || "nothing"}); fix "class:" in ${this.entry.location.file}`,
      );
    }
    const config = await this.config();
    const child = new Container({ parent: this.context.container });
    child.bind(PLUGIN_CONFIG).toConstantValue(config);
    child.bind(PLUGIN_ENTRY).toConstantValue(this.entry);
    let instance: unknown;
    try {
      if (isClass(exported)) {
        child.bind(exported).toSelf().inSingletonScope();
        instance = await child.getAsync(exported);
      } else if (typeof exported === "function") {
        instance = await (exported as (ctx: ImplementationFactoryContext) => unknown)({ config, entry: this.entry, container: child });
      } else {
        instance = exported;
      }
    } catch (error) {
      await child.unbindAllAsync().catch(() => undefined);
      if (error instanceof AiperfError) throw error;
      throw new PluginLoadFailedError(ref, "constructing the implementation failed", error);
    }
    const missing = missingMembers(instance, this.protocol.members);
    if (missing.length > 0) {
      await child.unbindAllAsync().catch(() => undefined);
      throw new ProtocolMismatchError(ref, missing);
    }
    tagInstance(instance, this.entry);
    this.context.track(child, `${this.entry.protocol} "${this.entry.name}"`);
    return instance;
  }
}
