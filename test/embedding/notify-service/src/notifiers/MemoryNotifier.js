/** Keeps what it was given: for tests and for a "recent notifications" page. */
export class MemoryNotifier {
  sent = [];

  notify(text) {
    this.sent.push(text);
  }
}
