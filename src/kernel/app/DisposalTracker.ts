import type { Container } from "inversify";
import { DisposeError } from "../errors/errors.js";

/** Remembers the per-instance containers an app built, to dispose them newest first. */
export class DisposalTracker {
  private readonly created: { container: Container; label: string }[] = [];

  track(container: Container, label: string): void {
    this.created.push({ container, label });
  }

  /**
   * Unbinds every tracked container in reverse creation order, which runs `@preDestroy`
   * (async allowed). One failure does not stop the others; all failures are thrown together.
   */
  async disposeAll(): Promise<void> {
    const failures: { name: string; error: unknown }[] = [];
    for (const { container, label } of this.created.splice(0).reverse()) {
      try {
        await container.unbindAllAsync();
      } catch (error) {
        failures.push({ name: label, error });
      }
    }
    if (failures.length > 0) throw new DisposeError(failures);
  }
}
