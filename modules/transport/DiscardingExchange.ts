import { describeNetworkError } from "./describeNetworkError.js";
import type { Exchange } from "./Exchange.js";

/**
 * A request whose response is read and dropped, whatever its status (prewarming a connection).
 * Its answer may take only `timeoutNs`: a server that is slow to list its models is not worth
 * holding up the run for (the connection is then dropped, and a request opens its own).
 */
export class DiscardingExchange implements Exchange {
  constructor(
    readonly bytes: Buffer,
    readonly signal: AbortSignal | undefined,
    readonly timeoutNs: number,
    private readonly resolve: () => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onSent(): void {}
  onHead(): void {}
  onBody(): void {}

  onComplete(): void {
    this.resolve();
  }

  onError(error: Error): void {
    this.reject(new Error(describeNetworkError(error)));
  }

  cancelReason(): Error {
    const reason: unknown = this.signal?.reason;
    return reason instanceof Error ? reason : new Error("cancelled");
  }
}
