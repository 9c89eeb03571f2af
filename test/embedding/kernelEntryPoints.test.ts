import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";
import { runRecordingLoads } from "./loadedModules.js";

// Resolved from the service's folder, as a consumer's code would: its own node_modules has no
// aiperf, so Node walks up to the repository's, which links the package itself (built in dist/).
const serviceDir = path.join(repoRoot, "test", "embedding", "notify-service");
const dist = path.join(repoRoot, "dist");
const kernelDist = path.join(dist, "src", "kernel");

const under = (dir: string) => (file: string) => file.startsWith(`${dir}${path.sep}`);

describe("aiperf/kernel and aiperf/kernel/testing are entry points of their own", () => {
  it("importing them in a fresh process loads the kernel's files and no profiler module", () => {
    const { files, stdout } = runRecordingLoads(
      `const kernel = await import("aiperf/kernel");
       const testing = await import("aiperf/kernel/testing");
       console.log([typeof kernel.createApp, typeof kernel.defineProtocol, typeof testing.createTestApp].join(","));`,
      serviceDir,
    );
    expect(stdout.trim()).toBe("function,function,function");
    expect(files).toContain(path.join(kernelDist, "index.js"));
    expect(files).toContain(path.join(kernelDist, "testing.js"));
    const framework = files.filter((f) => under(repoRoot)(f) && !under(path.join(repoRoot, "node_modules"))(f));
    expect(framework.filter((f) => !under(kernelDist)(f))).toEqual([]);
  });

  it("the recorder does see profiler modules: importing aiperf itself loads them", () => {
    const { files } = runRecordingLoads(`await import("aiperf");`, serviceDir);
    expect(files.filter(under(path.join(dist, "src", "profiler"))).length).toBeGreaterThan(10);
  });
});
