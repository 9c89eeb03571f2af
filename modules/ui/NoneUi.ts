import type { Ui } from "aiperf";

/** Built-in `none`: shows nothing. */
export class NoneUi implements Ui {
  start(): void {}
  update(): void {}
  stop(): void {}
}
