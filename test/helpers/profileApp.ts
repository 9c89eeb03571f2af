import { type App, MockServer, type MockServerOptions, type Override, type ProfileRunResult, runProfile } from "aiperf";
import { createTestApp } from "aiperf/testing";

/** Runs a profile with quiet output; returns the result and what console exporters printed. */
export async function profileWith(
  config: Record<string, unknown>,
  options: { set?: string[]; root?: string; overrides?: Override[] } = {},
): Promise<ProfileRunResult & { printed: string; app: App }> {
  const app = await createTestApp({
    config: { ui: { type: "none" }, ...config },
    noCache: true,
    ...(options.set ? { set: options.set } : {}),
    ...(options.root ? { root: options.root } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  let printed = "";
  try {
    const result = await runProfile(app, { write: (t) => (printed += t) });
    return { ...result, printed, app };
  } finally {
    await app.dispose();
  }
}

/** The mock server's behaviour (its `endpoint.mock:` keys) and what one start takes. */
export interface MockOptions extends MockServerOptions {
  ttftMs?: number;
  itlMs?: number;
  outputTokens?: number;
  errorRate?: number;
}

/** Starts the built-in mock server (resolved through its protocol, with its config, as the profiler does). */
export async function startMock(options: MockOptions = {}): Promise<{ url: string; server: MockServer; stop: () => Promise<void> }> {
  const { ttftMs = 0, itlMs = 0, outputTokens = 8, errorRate = 0, ...start } = options;
  const mock = { ttft_ms: ttftMs, itl_ms: itlMs, output_tokens: outputTokens, error_rate: errorRate };
  const app = await createTestApp({ noCache: true, config: { endpoint: { mock } } });
  const server = await app.get(MockServer);
  const { url } = await server.start(start);
  return {
    url,
    server,
    stop: async () => {
      await server.stop();
      await app.dispose();
    },
  };
}
