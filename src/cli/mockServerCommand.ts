import path from "node:path";
import type { Command } from "commander";
import { silentLogger } from "../kernel/app/Logger.js";
import { UsageError } from "../kernel/errors/errors.js";
import { writeFileAtomic } from "../kernel/util/writeFileAtomic.js";
import type { CliIO } from "./CliIO.js";

function number(name: string, value: string, min: number, max = Number.POSITIVE_INFINITY): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`--${name} must be a number between ${min} and ${max}, got "${value}"`);
  return n;
}

/** `aiperf mock-server`: the embedded OpenAI-compatible server on its own. */
export function addMockServerCommand(program: Command, io: CliIO): void {
  program
    .command("mock-server")
    .description("Run the OpenAI-compatible mock server alone (Ctrl-C to stop)")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--port <port>", "port (0 picks a free one)", "8000")
    .option("--ttft-ms <ms>", "time to first token", "20")
    .option("--itl-ms <ms>", "inter-token latency", "5")
    .option("--output-tokens <n>", "output length when a request gives no max_tokens", "64")
    .option("--error-rate <fraction>", "fraction of requests answered with HTTP 500", "0")
    .option("--debug", "show stack traces on errors")
    .option("--timings-file <file>", "on exit, write what the server did per request (receive and token send times, ns) as JSON")
    .action(async (flags: { host: string; port: string; ttftMs: string; itlMs: string; outputTokens: string; errorRate: string; timingsFile?: string }) => {
      const [{ createProfilerApp }, { MockServer }] = await Promise.all([
        import("../profiler/createProfilerApp.js"),
        import("../profiler/protocols/MockServer.js"),
      ]);
      // The behaviour flags are the mock server's own config (`endpoint.mock:`), as in a profile run.
      const mock = {
        ttft_ms: number("ttft-ms", flags.ttftMs, 0),
        itl_ms: number("itl-ms", flags.itlMs, 0),
        output_tokens: number("output-tokens", flags.outputTokens, 1),
        error_rate: number("error-rate", flags.errorRate, 0, 1),
      };
      const port = number("port", flags.port, 0, 65535);
      const app = await createProfilerApp({ config: { endpoint: { mock } }, logger: silentLogger, root: io.cwd, isTTY: false });
      const server = await app.get(MockServer);
      const { url } = await server.start({ host: flags.host, port, recordTimings: flags.timingsFile !== undefined });
      io.stderr(`[aiperf] mock server listening on ${url} (POST /v1/chat/completions, POST /v1/completions, GET /v1/models); Ctrl-C to stop\n`);
      await new Promise<void>((resolve) => {
        process.once("SIGINT", resolve);
        process.once("SIGTERM", resolve);
      });
      await server.stop();
      if (flags.timingsFile) await writeFileAtomic(path.resolve(io.cwd, flags.timingsFile), JSON.stringify(server.timings()));
      await app.dispose();
    });
}
