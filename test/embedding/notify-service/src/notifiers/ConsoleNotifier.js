/** Writes each notification to standard output. */
export class ConsoleNotifier {
  notify(text) {
    process.stdout.write(`${text}\n`);
  }
}
