import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { removeDir, tempDir } from "./fixtures.js";

/** Servers and folders a test file makes, closed and removed after each test. */
export function scratch(): { listen(server: Server): Promise<string>; dir(prefix: string): string } {
  const servers: Server[] = [];
  const dirs: string[] = [];
  afterEach(() => {
    for (const s of servers.splice(0)) {
      s.closeAllConnections();
      s.close();
    }
    for (const d of dirs.splice(0)) removeDir(d);
  });
  return {
    /** Listens on 127.0.0.1, a free port; resolves with the base URL. */
    async listen(server) {
      servers.push(server);
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    dir(prefix) {
      const d = tempDir(prefix);
      dirs.push(d);
      return d;
    },
  };
}
