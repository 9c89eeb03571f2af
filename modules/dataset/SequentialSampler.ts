import type { DatasetSampler, Turn } from "aiperf";

/** Built-in `sequential`: the turns in order, starting over at the end. */
export class SequentialSampler implements DatasetSampler {
  private turns: readonly Turn[] = [];
  private index = 0;

  init(turns: readonly Turn[]): void {
    if (turns.length === 0) throw new Error("the dataset is empty");
    this.turns = turns;
    this.index = 0;
  }

  next(): Turn {
    const turn = this.turns[this.index] as Turn;
    this.index = (this.index + 1) % this.turns.length;
    return turn;
  }
}
