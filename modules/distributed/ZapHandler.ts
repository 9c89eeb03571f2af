import type { Reply } from "zeromq";
import { loadZmq } from "./wire.js";
import { z85Decode } from "./z85.js";

/** The ZAP domain the controller's socket asks its handler about. */
export const ZAP_DOMAIN = "aiperf";

/**
 * ZeroMQ's authentication handler (ZAP, RFC 27) for the controller's CURVE socket: admits a
 * client only when it presents the shared public key, and reports every refusal (address only:
 * keys are never printed).
 */
export class ZapHandler {
  private socket: Reply | undefined;

  constructor(
    private readonly allowedPublicKey: string,
    private readonly onRefused: (address: string, reason: string) => void,
  ) {}

  async start(): Promise<void> {
    const { Reply, context } = await loadZmq();
    const socket = new Reply({ context, linger: 0 });
    // libzmq looks for its handler at this fixed inproc address of the socket's context.
    await socket.bind("inproc://zeromq.zap.01");
    this.socket = socket;
    void this.serve(socket, z85Decode(this.allowedPublicKey) as Buffer);
  }

  private async serve(socket: Reply, allowed: Buffer): Promise<void> {
    try {
      for await (const frames of socket) {
        const [version, requestId, , address, , mechanism, clientKey] = frames;
        const curve = mechanism?.toString() === "CURVE";
        const ok = curve && clientKey?.equals(allowed) === true;
        if (!ok)
          this.onRefused(address?.toString() ?? "?", curve ? "its CURVE key is not this run's key" : `mechanism ${mechanism?.toString() ?? "?"} is not CURVE`);
        await socket.send([version ?? "1.0", requestId ?? "", ok ? "200" : "400", ok ? "OK" : "refused", "", ""]);
      }
    } catch {
      // closed
    }
  }

  close(): void {
    this.socket?.close();
    this.socket = undefined;
  }
}
