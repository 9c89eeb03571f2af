import path from "node:path";
import type { Command } from "commander";
import { createConsoleLogger, type Logger } from "../kernel/app/Logger.js";
import { collectSecrets, redact } from "../kernel/config/maskSecrets.js";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import { UsageError } from "../kernel/errors/errors.js";
import { EventBus } from "../kernel/events/EventBus.js";
import { colorEnabled, consoleStyle } from "../profiler/console/consoleStyle.js";
import { LogOutput } from "../profiler/console/LogOutput.js";
import { PhaseComplete, type PhaseEventPayload, PhaseTimeout } from "../profiler/events/profilerEvents.js";
import { everyRequestFailed } from "../profiler/run/everyRequestFailed.js";
import type { CliIO } from "./CliIO.js";
import { flagLabels } from "./flagLabels.js";
import { addLoadFlags, type LoadFlags, loadFlagsToSet } from "./loadFlags.js";
import { addMetricOptions, type MetricFlags, metricFlagsToSet } from "./metricFlags.js";
import { parseDuration } from "./parseDuration.js";
import { writeReportTo } from "./plotCommand.js";
import { withRecordsForPlot } from "./plotFlags.js";
import { RunGuard } from "./RunGuard.js";
import { renderRunEnding } from "./renderRunEnding.js";
import { extraInputsToSet, headersToSet } from "./requestFlags.js";
import { sweepPlan } from "./sweepPlan.js";
import { runSweep } from "./sweepRun.js";
import { type TokenizerFlags, tokenizerFlagsToSet, tokenizerOption, useServerTokenCountOption } from "./tokenizerFlags.js";

interface ProfileFlags extends MetricFlags, TokenizerFlags, LoadFlags {
  config?: string;
  set: string[];
  url?: string;
  model?: string;
  concurrency?: string;
  requestRate?: string;
  requests?: string;
  duration?: string;
  waitForModel?: string;
  extraInputs?: string[];
  extraInputsJson?: string;
  header?: string[];
  workers?: string;
  streaming?: boolean;
  output?: string;
  ui?: string;
  cache: boolean;
  debug?: boolean;
  quiet?: boolean;
  plot?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const UNSET_SCHEDULE = ["timing.time_scale=null", "timing.start_at_zero=null"];
const UNSET_STALL = ["timing.stall_policy=null", "timing.late_tolerance_ms=null"];

/** Turns the shortcut flags into `--set` assignments (strings JSON-quoted so YAML keeps them strings). */
export function flagsToSet(flags: ProfileFlags): string[] {
  const set: string[] = [];
  const str = (key: string, value: string | undefined) => value !== undefined && set.push(`${key}=${JSON.stringify(value)}`);
  str("endpoint.url", flags.url);
  str("endpoint.model", flags.model);
  str("output.dir", flags.output);
  str("ui.type", flags.ui);
  // A flag that picks a strategy unsets the keys a config file may hold for the other built-in
  // ones (`null` unsets a routed key), since each strategy accepts only its own keys.
  if (flags.requestRate !== undefined) {
    set.push("timing.strategy=request_rate", `timing.rate=${flags.requestRate}`, "timing.concurrency=null", ...UNSET_SCHEDULE);
    set.push(flags.concurrency === undefined ? "timing.max_concurrency=null" : `timing.max_concurrency=${flags.concurrency}`);
  } else if (flags.concurrency !== undefined) {
    if (flags.stallPolicy !== undefined)
      throw new UsageError("--stall-policy applies to --request-rate and trace replay runs, not to --concurrency (which has no schedule)");
    set.push("timing.strategy=concurrency", `timing.concurrency=${flags.concurrency}`, "timing.rate=null", "timing.max_concurrency=null", ...UNSET_SCHEDULE);
    set.push(...UNSET_STALL);
  }
  if (flags.requests !== undefined) set.push(`phases.profiling.requests=${flags.requests}`);
  if (flags.duration !== undefined) {
    set.push(`phases.profiling.duration_s=${parseDuration("--duration", flags.duration)}`);
    // A duration alone is the run's length: the config file's request count no longer caps it.
    if (flags.requests === undefined) set.push("phases.profiling.requests=null");
  }
  if (flags.workers !== undefined) set.push("service_manager.type=multiprocess", `service_manager.workers=${flags.workers}`);
  if (flags.waitForModel !== undefined) set.push(`endpoint.wait_for_model_s=${parseDuration("--wait-for-model", flags.waitForModel)}`);
  set.push(...extraInputsToSet(flags.extraInputs ?? [], flags.extraInputsJson), ...headersToSet(flags.header ?? []));
  if (flags.streaming !== undefined) set.push(`endpoint.streaming=${flags.streaming}`);
  set.push(...metricFlagsToSet(flags));
  set.push(...loadFlagsToSet(flags));
  return [...set, ...flags.set];
}

/** A logger that scrubs known secret values from every line. */
function redactingLogger(inner: Logger, secrets: () => readonly string[]): Logger {
  const r = (m: string) => redact(m, secrets());
  return { debug: (m) => inner.debug(r(m)), info: (m) => inner.info(r(m)), warn: (m) => inner.warn(r(m)), error: (m) => inner.error(r(m)) };
}

/** `aiperf profile`. */
export function addProfileCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const profile = program
    .command("profile")
    .description("Profile an OpenAI-compatible endpoint: warm-up, profiling, metrics and exports (default: the embedded mock server)")
    .option("-c, --config <file>", "YAML config file (default: the packaged config/default.yaml, about 10 s)")
    .option("--set <key=value>", "override any config key, e.g. --set timing.concurrency=4; key+={map} merges a map (repeatable)", collect, [])
    .option("--url <url>", 'endpoint base URL, or "embedded" for the mock server')
    .option("--model <name>", "model name sent in requests")
    .option("--concurrency <n>", "concurrency mode: keep N requests in flight (with --request-rate: the most in flight)")
    .option("--request-rate <r>", "request-rate mode: R requests per second")
    .option("--requests <n>", "requests in the profiling phase (with --duration: whichever comes first)")
    .option("--duration <time>", "profiling phase length, e.g. 60s, 5m (alone: no request cap; the phase timeout becomes the duration + 30 s)")
    .option("--workers <n>", "execute requests in N worker processes over ZeroMQ (service_manager: multiprocess; threads: --set service_manager.type=threads)")
    .option("--wait-for-model <time>", "before warm-up, wait up to this long (e.g. 60s) for the server to serve the model")
    .addOption(tokenizerOption)
    .addOption(useServerTokenCountOption)
    .option("--extra-inputs <key:value>", "a field merged into every request body, e.g. ignore_eos:true (value read as YAML; repeatable)", collect, [])
    .option("--extra-inputs-json <json>", "fields merged into every request body, as a JSON object")
    .option("-H, --header <'Name: value'>", "an HTTP header for every request, added to the config's (repeatable; secret-looking values masked)", collect, [])
    .option("--streaming", "stream responses (SSE)")
    .option("--no-streaming", "do not stream responses")
    .option("--output <dir>", "where exports are written")
    .option("--ui <type>", "progress display: progress, simple, none (default: progress on a terminal, simple elsewhere)")
    .option("--no-cache", "do not use the plugin manifest cache")
    .option("--quiet", "only warnings and errors on stderr")
    .option("--debug", "show stack traces and debug logs")
    .option("--plot", "also write report.html and SVG charts into the run's folder (a list --concurrency 1,4,16 or --request-rate 10,50 sweeps and compares)");
  // Returns the run's exit code (a sweep reads it for each of its runs).
  async function profileAction(flags: ProfileFlags): Promise<number | undefined> {
    const sweep = sweepPlan(flags);
    if (sweep) {
      setExit(await runSweep(sweep, flags, io, profileAction));
      return undefined;
    }
    let secrets: string[] = [];
    // Everything the run logs goes through one output, which the live view diverts above its line.
    const output = new LogOutput((t) => io.stderr(t));
    const logger = redactingLogger(
      createConsoleLogger(flags.debug ? "debug" : flags.quiet ? "warn" : "info", (l) => output.write(l)),
      () => secrets,
    );
    // Loaded here, not at start-up, so `aiperf plugins …` does not pay for the profiler.
    const [{ createProfilerApp }, { runProfile }] = await Promise.all([import("../profiler/createProfilerApp.js"), import("../profiler/run/runProfile.js")]);
    const config = flags.config ? path.resolve(io.cwd, flags.config) : path.join(frameworkPackage().root, "config", "default.yaml");
    const set = await withRecordsForPlot(flags.plot, config, [...tokenizerFlagsToSet(flags, io.cwd), ...flagsToSet(flags)]);
    const setLabels = flagLabels(set, flags.set, flags.requestRate !== undefined ? "--request-rate" : "--concurrency");
    const app = await createProfilerApp({ config, set, setLabels, root: io.cwd, logger, logOutput: output, noCache: !flags.cache, isTTY: io.isTTY });
    // Routed keys (a plugin strategy's token) are not in app.config: collect from the config as written too.
    secrets = [...new Set([...collectSecrets(app.config), ...collectSecrets(app.loadedConfig.raw)])];
    const guard = new RunGuard(logger, (t) => output.write(t));
    let records: { close?: () => void } | undefined;
    try {
      followPhases(await app.get(EventBus), guard);
      const color = colorEnabled(io.isTTY ? process.stdout : {});
      const width = Math.max(40, Math.min(80, (io.isTTY && process.stdout.columns) || 80));
      const write = (t: string) => io.stdout(redact(t, secrets));
      const result = await runProfile(app, { signal: guard.controller.signal, write, color, width });
      // Stopped during the pre-flight check or while connecting: the run ends with nothing to show.
      if (guard.signal !== undefined && result.results.phases.length === 0) {
        io.stderr("[aiperf] interrupted before the first request: nothing was measured\n");
        setExit(guard.interruptedCode);
        return guard.interruptedCode;
      }
      records = result.results.records as { close?: () => void };
      write(renderRunEnding(result.files, io.cwd, consoleStyle(color)));
      if (flags.plot) await writeReportTo([result.dir], result.dir, io);
      if (result.failedExports.length > 0)
        io.stderr(`[aiperf] error: ${result.failedExports.length} export(s) could not be written: ${result.failedExports.join(", ")} (see the errors above)\n`);
      if (everyRequestFailed(result.results.phases.find((p) => p.phase === "profiling")))
        io.stderr("[aiperf] error: every request failed (see the errors above)\n");
      for (const t of result.results.thresholds ?? [])
        if (!t.passed)
          io.stderr(`[aiperf] threshold failed: ${t.expression} (measured ${t.value === undefined ? "nothing" : Number(t.value.toPrecision(6))})\n`);
      if (guard.contained > 0) io.stderr(`[aiperf] warning: ${guard.contained} uncaught error(s) from plugin code were contained (see above)\n`);
      // A stop signal names the exit code even when it came after the last request (the run's
      // measurements are whole then, and its export says it was not interrupted).
      const code = result.exitCode === 130 || guard.signal !== undefined ? guard.interruptedCode : result.exitCode;
      setExit(code);
      return code;
    } catch (error) {
      // Printed by the CLI's top level, which knows no secrets: a plugin's error may quote a key.
      throw redactError(error, secrets);
    } finally {
      // Nothing reads the records after this: a long run's file of token times is released, even when the end failed.
      records?.close?.();
      guard.release();
      await app.dispose().catch((e: unknown) => logger.warn(`dispose: ${String(e)}`));
    }
  }
  addMetricOptions(addLoadFlags(profile)).action(async (flags: ProfileFlags) => {
    await profileAction(flags);
  });
}

/** `error` with every secret masked in its message and stack (in place: its class and code stay). */
function redactError(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof Error)) return typeof error === "string" ? redact(error, secrets) : error;
  error.message = redact(error.message, secrets);
  if (error.stack !== undefined) error.stack = redact(error.stack, secrets);
  return error;
}

/** Tells the guard when the profiling phase is over (done or timed out): a stop signal then only concerns the exports. */
function followPhases(bus: EventBus, guard: RunGuard): void {
  const over = ({ phase }: PhaseEventPayload) => {
    if (phase === "profiling") guard.sendingDone = true;
  };
  bus.on(PhaseComplete, over, { name: "run-guard" });
  bus.on(PhaseTimeout, over, { name: "run-guard" });
}
