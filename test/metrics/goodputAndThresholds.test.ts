import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { profileWith } from "../helpers/profileApp.js";
import { scratch } from "../helpers/scratch.js";
import { delta, scriptedServer, sendEvents, usageChunk } from "./scriptedServer.js";

const my = scratch();

describe("goodput", () => {
  it("counts the requests that meet every SLO: half the requests get 100 tokens, half 2, against output_sequence_length ≥ 50", async () => {
    // Which requests are good is fixed by the server's script, not by timing: every other request is long.
    const url = await my.listen(
      scriptedServer(({ index }, res) => {
        const completion = index % 2 === 0 ? 100 : 2;
        void sendEvents(res, [delta({ content: "a" }), delta({ content: "b" }), usageChunk({ prompt_tokens: 5, completion_tokens: completion })]);
      }),
    );
    const { results, exitCode } = await profileWith({
      endpoint: { url, model: "m" },
      timing: { strategy: "concurrency", concurrency: 2 },
      phases: { warmup: { requests: 0 }, profiling: { requests: 8 } },
      // request_latency's SLO is met by every request: were its direction reversed ("at least"), none would be good.
      goodput: { output_sequence_length: 50, request_latency: 1e9 },
      output: { dir: my.dir("goodput"), data_exporters: [], console_exporters: [] },
    });
    expect(exitCode).toBe(0);
    const value = (tag: string) => results.metrics.find((m) => m.tag === tag)?.avg;
    expect(value("good_request_count")).toBe(4);
    expect(value("good_request_fraction")).toBe(0.5);
    expect(value("goodput")).toBeCloseTo(4 / (value("benchmark_duration") as number), 9);
  });

  it("no goodput rows without SLOs", async () => {
    const { results } = await profileWith({
      phases: { warmup: { requests: 0 }, profiling: { requests: 2 } },
      endpoint: { mock: { ttft_ms: 0, itl_ms: 0, output_tokens: 4 } },
      output: { dir: my.dir("nogoodput"), data_exporters: [], console_exporters: [] },
    });
    expect(results.metrics.map((m) => m.tag)).not.toContain("good_request_count");
  });
});

describe("thresholds (aiperf profile --threshold)", () => {
  const base = (dir: string) => [
    "profile",
    "--requests",
    "4",
    "--set",
    "phases.warmup.requests=0",
    "--ui",
    "none",
    "--output",
    dir,
    "--set",
    "endpoint.mock.output_tokens=4",
  ];

  it("a failing threshold makes the run exit 3 and says which one; each is reported PASS/FAIL", async () => {
    const dir = my.dir("thr");
    const { code, stdout, stderr } = await runCli([...base(dir), "--threshold", "error_rate<0.5", "--threshold", "p99(request_latency)<0.000001"]);
    expect(code, stderr).toBe(3);
    expect(stderr).toMatch(/threshold failed: p99\(request_latency\)<0\.000001 \(measured [\d.]+\)/);
    expect(stderr).not.toMatch(/threshold failed: error_rate/);
    expect(stdout).toMatch(/^PASS {2}error_rate<0\.5 {2}\(measured 0\)$/m);
    expect(stdout).toMatch(/^FAIL {2}p99\(request_latency\)<0\.000001/m);
  });

  it("passing thresholds exit 0", async () => {
    const { code, stderr } = await runCli([...base(my.dir("thr-ok")), "--threshold", "error_rate<0.5", "--threshold", "request_count>=4"]);
    expect(code, stderr).toBe(0);
  });

  it("an unknown metric, statistic or goodput SLO is a usage error (exit 2) with the choices and the closest one, before anything is sent", async () => {
    const dir = my.dir("thr-bad");
    const metric = await runCli([...base(dir), "--threshold", "p99(time_to_frist_token)<300"]);
    expect(metric.code).toBe(2);
    expect(metric.stderr).toMatch(/AIPERF_METRIC_UNKNOWN/);
    expect(metric.stderr).toMatch(/Did you mean "time_to_first_token"\?/);
    expect(metric.stderr).not.toMatch(/\n\s+at /);
    // Nothing was sent: the run's folder was never made.
    expect(existsSync(path.join(dir, "latest"))).toBe(false);

    const stat = await runCli([...base(dir), "--threshold", "p98(request_latency)<300"]);
    expect(stat.code).toBe(2);
    expect(stat.stderr).toMatch(/AIPERF_THRESHOLD_INVALID.*no statistic "p98".*Valid: avg, count, max/);

    const goodput = await runCli([...base(dir), "--goodput", "time_to_first_tokn:200"]);
    expect(goodput.code).toBe(2);
    expect(goodput.stderr).toMatch(/AIPERF_METRIC_UNKNOWN.*Did you mean "time_to_first_token"\?/);
    expect(existsSync(path.join(dir, "latest"))).toBe(false);
  });
});
