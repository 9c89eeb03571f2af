import { describe, expect, it } from "vitest";
import { HttpTransport } from "../../dist/modules/transport/HttpTransport.js";
import { holdingServer } from "../helpers/holdingServer.js";

describe("cancelling requests in flight", () => {
  it("aborting the shared signal cancels every request carrying it, and only those", async () => {
    const server = await holdingServer();
    const transport = new HttpTransport();
    transport.open({ url: server.url, connections: 4, connectTimeoutMs: 5000, requestTimeoutMs: 5000 });
    try {
      const doomed = new AbortController();
      const other = new AbortController();
      const req = (signal: AbortSignal) => transport.send({ path: "/v1/chat/completions", body: "{}", streaming: false, signal }, () => {});
      const cancelled = [req(doomed.signal), req(doomed.signal)].map((p) =>
        p.then(
          () => "done",
          () => "rejected",
        ),
      );
      const kept = req(other.signal);
      await server.until((s) => s.received === 3);
      doomed.abort(new Error("cancelled by test"));
      expect(await Promise.all(cancelled)).toEqual(["rejected", "rejected"]);
      server.open();
      expect((await kept).status).toBe(200);
    } finally {
      await transport.close();
      await server.stop();
    }
  });
});
