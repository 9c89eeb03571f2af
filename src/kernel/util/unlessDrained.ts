/**
 * `work`, or a rejection with `message` if the process's event loop runs out of work first: a
 * promise that nothing can settle any more (plugin code awaiting an event that never comes, with
 * no timer or socket left) would otherwise end the process silently with exit code 13, losing
 * everything after it. Costs nothing while other work keeps the process alive.
 *
 * `lastResort`: let inner guards go first. Checked once the loop drained and what the drain set
 * off has run; if that left work under way (an inner guard failed its step and the rest goes on),
 * it waits for the next drain.
 * @public
 */
export function unlessDrained<T>(work: Promise<T>, message: string, options: { lastResort?: boolean } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const check = () => {
      if (settled) return;
      if (process.getActiveResourcesInfo().length > 0) process.once("beforeExit", drained);
      else reject(new Error(message));
    };
    const drained = () => {
      if (options.lastResort) setImmediate(check);
      else reject(new Error(message));
    };
    process.once("beforeExit", drained);
    work.then(resolve, reject).finally(() => {
      settled = true;
      process.off("beforeExit", drained);
    });
  });
}
