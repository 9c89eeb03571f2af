/** `title: body`. */
export class PlainFormatter {
  format({ title, body }) {
    return `${title}: ${body}`;
  }
}
