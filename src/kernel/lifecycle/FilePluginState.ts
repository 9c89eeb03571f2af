import { readFile } from "node:fs/promises";
import type { Logger } from "../app/Logger.js";
import { messageOf } from "../util/messageOf.js";
import { writeFileAtomic } from "../util/writeFileAtomic.js";
import type { PluginState } from "./PluginState.js";

/**
 * A plugin's state kept in one JSON file. A missing file is a fresh start; a corrupt one is
 * reported and ignored, never fatal, because losing a counter must not stop an app.
 */
export class FilePluginState<T = unknown> implements PluginState<T> {
  private value: T | undefined;
  private dirty = false;

  constructor(
    readonly file: string,
    private readonly logger: Logger,
  ) {}

  get(): T | undefined {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
    this.dirty = true;
  }

  async load(): Promise<void> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch {
      return;
    }
    try {
      this.value = JSON.parse(text) as T;
    } catch (error) {
      this.logger.warn(`plugin state file ${this.file} is not valid JSON (${messageOf(error)}); starting with fresh state`);
    }
  }

  /** Writes only when something was set, so plugins without state leave no files. */
  async save(): Promise<void> {
    if (!this.dirty) return;
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(this.value ?? null)}\n`);
      this.dirty = false;
    } catch (error) {
      this.logger.warn(`plugin state could not be saved to ${this.file}: ${messageOf(error)}`);
    }
  }
}
