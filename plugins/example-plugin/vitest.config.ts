import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Load the built plugin and aiperf with Node itself, exactly as an app would.
    server: { deps: { external: [/\/dist\//] } },
    testTimeout: 30_000,
  },
});
