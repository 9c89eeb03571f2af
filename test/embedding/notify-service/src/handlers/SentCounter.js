/**
 * An event_handler declared in the service's registry for `notification.sent`: imported when the
 * first notification is sent, it counts them and keeps their titles.
 */
export class SentCounter {
  count = 0;
  titles = [];

  handle(payload) {
    this.count++;
    this.titles.push(payload.title);
  }
}
