import { createRng, type DatasetSampler, type Rng, type Turn } from "aiperf";

/** Built-in `random`: a uniformly random turn each time (with replacement), seeded. */
export class RandomSampler implements DatasetSampler {
  private turns: readonly Turn[] = [];
  private rng: Rng = createRng(0);

  init(turns: readonly Turn[], seed: number): void {
    if (turns.length === 0) throw new Error("the dataset is empty");
    this.turns = turns;
    this.rng = createRng(seed);
  }

  next(): Turn {
    return this.turns[Math.floor(this.rng() * this.turns.length)] as Turn;
  }
}
