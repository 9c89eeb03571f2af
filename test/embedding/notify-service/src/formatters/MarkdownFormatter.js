/** A bold title, a blank line, then the body. */
export class MarkdownFormatter {
  format({ title, body }) {
    return `**${title}**\n\n${body}`;
  }
}
