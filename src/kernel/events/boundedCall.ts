/** Raised when a handler overran its bound; it keeps running, but nobody waits for it any more. */
export class HandlerTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`did not finish within ${ms} ms`);
    this.name = "HandlerTimeoutError";
  }
}

/**
 * Calls `fn` and waits for its result at most `ms` (a synchronous result costs no timer). A
 * throw, a rejection and an overrun all reject, so the caller isolates the three the same way.
 */
export async function boundedCall(fn: () => unknown, ms: number): Promise<void> {
  const result = fn();
  if (result === null || typeof result !== "object" || typeof (result as PromiseLike<unknown>).then !== "function") return;
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(() => reject(new HandlerTimeoutError(ms)), ms);
      (result as PromiseLike<unknown>).then(() => resolve(), reject);
    });
  } finally {
    clearTimeout(timer);
  }
}
