import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests exercise the built package ("aiperf" resolves to dist/): load it with Node itself, so
    // lazy import(), module caching and decorators behave exactly as they do for users. The
    // embedding example is a consumer's code, loaded by Node as its own would be.
    server: { deps: { external: [/\/dist\//, /\/fixtures\//, /\/notify-service\//] } },
    // A hang detector, not a speed limit: the slowest tests start several processes one after
    // another and took up to 16 s with both cores of a 2-core machine busy with other work.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Files run one at a time to bound what the suite asks of a 2-core machine, not for timing: no
    // test depends on speed. Many files start child processes (the CLI, `aiperf mock-server`) or
    // worker threads, so one file already keeps both cores busy; running files in parallel saved
    // 15 % of wall time (78 s instead of 93 s, one measurement) for twice the processes and memory
    // at once, which a machine shared with other jobs pays for.
    fileParallelism: false,
  },
});
