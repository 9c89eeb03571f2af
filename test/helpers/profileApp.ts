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

/** Starts the built-in mock server (resolved through its protocol, as the profiler does). */
export async function startMock(options: Partial<MockServerOptions> = {}): Promise<{ url: string; server: MockServer; stop: () => Promise<void> }> {
  const app = await createTestApp({ noCache: true });
  const server = await app.get(MockServer);
  const { url } = await server.start({ ttftMs: 0, itlMs: 0, outputTokens: 8, errorRate: 0, ...options });
  return {
    url,
    server,
    stop: async () => {
      await server.stop();
      await app.dispose();
    },
  };
}
