import { createRng, type DatasetSampler, type Rng, type Turn } from "aiperf";

/** Built-in `shuffle`: every turn once per pass, in a new seeded order each pass. */
export class ShuffleSampler implements DatasetSampler {
  private turns: Turn[] = [];
  private order: Turn[] = [];
  private rng: Rng = createRng(0);

  init(turns: readonly Turn[], seed: number): void {
    if (turns.length === 0) throw new Error("the dataset is empty");
    this.turns = [...turns];
    this.rng = createRng(seed);
    this.order = [];
  }

  next(): Turn {
    if (this.order.length === 0) {
      this.order = [...this.turns];
      for (let i = this.order.length - 1; i > 0; i--) {
        const j = Math.floor(this.rng() * (i + 1));
        [this.order[i], this.order[j]] = [this.order[j] as Turn, this.order[i] as Turn];
      }
    }
    return this.order.pop() as Turn;
  }
}
