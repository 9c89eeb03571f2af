import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests exercise the built package ("aiperf" resolves to dist/): load it with Node itself, so
    // lazy import(), module caching and decorators behave exactly as they do for users. The
    // embedding example is a consumer's code, loaded by Node as its own would be.
    server: { deps: { external: [/\/dist\//, /\/fixtures\//, /\/notify-service\//] } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: "forks",
    // Timing tests measure sub-millisecond latencies: files run one at a time so they do not
    // compete for the 2 cores.
    fileParallelism: false,
  },
});
