import { appendFile } from "node:fs/promises";
import path from "node:path";
import { inject, LOADED_CONFIG, PLUGIN_CONFIG } from "aiperf/kernel";

/** Appends each notification to a file, separated by a blank line. */
export class FileNotifier {
  constructor(config, loaded) {
    this.file = path.resolve(loaded.baseDir, config.path);
  }

  async notify(text) {
    await appendFile(this.file, `${text}\n\n`);
  }
}
// In TypeScript: constructor(@inject(PLUGIN_CONFIG) config: FileNotifierConfig, @inject(LOADED_CONFIG) loaded: LoadedConfig).
inject(PLUGIN_CONFIG)(FileNotifier, undefined, 0);
inject(LOADED_CONFIG)(FileNotifier, undefined, 1);
