import os from "node:os";
import path from "node:path";

/**
 * Plugin state for test apps: a folder of this test process under the system temp folder, so tests
 * never write state into the user's state folder or the project, and apps of one test file share it.
 */
export function testStateDir(): string {
  return path.join(os.tmpdir(), "aiperf-test-state", String(process.pid));
}
