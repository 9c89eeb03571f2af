/** The `aiperf profile` flag each config key set by a flag comes from. */
const FLAG_OF_KEY: Readonly<Record<string, string>> = {
  "endpoint.url": "--url",
  "endpoint.model": "--model",
  "endpoint.streaming": "--streaming",
  "endpoint.prewarm": "--no-prewarm",
  "endpoint.wait_for_model_s": "--wait-for-model",
  "endpoint.extra_inputs": "--extra-inputs",
  "endpoint.headers": "--header",
  "output.dir": "--output",
  "ui.type": "--ui",
  "timing.rate": "--request-rate",
  "timing.concurrency": "--concurrency",
  "timing.max_concurrency": "--concurrency",
  "timing.stall_policy": "--stall-policy",
  "phases.profiling.requests": "--requests",
  "phases.profiling.duration_s": "--duration",
  "service_manager.type": "--workers",
  "service_manager.workers": "--workers",
  "tokenizer.name": "--tokenizer",
  "tokenizer.use_server_usage": "--use-server-token-count",
  goodput: "--goodput",
  thresholds: "--threshold",
};

/**
 * What config errors call each assignment: the flag it was made from (so a bad `--concurrency abc`
 * is reported as `--concurrency`, not as a `--set` the user never typed); the user's own `--set`
 * assignments keep the default label.
 */
export function flagLabels(assignments: readonly string[], userSet: readonly string[], strategyFlag: string): (string | undefined)[] {
  const own = new Set(userSet);
  return assignments.map((assignment) => {
    if (own.has(assignment)) return undefined;
    const key = assignment.slice(0, assignment.indexOf("=")).replace(/\+$/, "");
    return key === "timing.strategy" ? strategyFlag : FLAG_OF_KEY[key];
  });
}
