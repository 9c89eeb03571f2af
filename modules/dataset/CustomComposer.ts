import { APP_CONFIG, type AppConfig, ConfigInvalidError, CustomDatasetLoader, type DatasetComposer, inject, type Turn } from "aiperf";

/** Built-in `custom`: the turns of `dataset.file`, read by the configured `dataset.loader`. */
export class CustomComposer implements DatasetComposer {
  constructor(
    @inject(APP_CONFIG) private readonly config: AppConfig,
    @inject(CustomDatasetLoader.token) private readonly loader: CustomDatasetLoader,
  ) {}

  async compose(): Promise<Turn[]> {
    const file = this.config.dataset.file;
    if (!file) throw new ConfigInvalidError([{ path: "dataset.file", message: 'the "custom" composer needs dataset.file (a JSONL file)' }]);
    const turns = await this.loader.load(file);
    if (turns.length === 0) throw new ConfigInvalidError([{ path: "dataset.file", message: `${file} has no usable lines` }]);
    return turns;
  }
}
