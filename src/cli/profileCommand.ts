import path from "node:path";
import type { Command } from "commander";
import { createConsoleLogger, type Logger } from "../kernel/app/Logger.js";
import { collectSecrets, redact } from "../kernel/config/maskSecrets.js";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import type { CliIO } from "./CliIO.js";

interface ProfileFlags {
  config?: string;
  set: string[];
  url?: string;
  model?: string;
  concurrency?: string;
  requestRate?: string;
  requests?: string;
  workers?: string;
  streaming?: boolean;
  output?: string;
  ui?: string;
  cache: boolean;
  debug?: boolean;
  quiet?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const UNSET_SCHEDULE = ["timing.time_scale=null", "timing.start_at_zero=null"];

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
    set.push("timing.strategy=concurrency", `timing.concurrency=${flags.concurrency}`, "timing.rate=null", "timing.max_concurrency=null", ...UNSET_SCHEDULE);
  }
  if (flags.requests !== undefined) set.push(`phases.profiling.requests=${flags.requests}`);
  if (flags.workers !== undefined) set.push("service_manager.type=multiprocess", `service_manager.workers=${flags.workers}`);
  if (flags.streaming !== undefined) set.push(`endpoint.streaming=${flags.streaming}`);
  return [...set, ...flags.set];
}

/** A logger that scrubs known secret values from every line. */
function redactingLogger(inner: Logger, secrets: () => readonly string[]): Logger {
  const r = (m: string) => redact(m, secrets());
  return { debug: (m) => inner.debug(r(m)), info: (m) => inner.info(r(m)), warn: (m) => inner.warn(r(m)), error: (m) => inner.error(r(m)) };
}

/** `aiperf profile` (DESIGN §11). */
export function addProfileCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command("profile")
    .description("Profile an OpenAI-compatible endpoint: warm-up, profiling, metrics and exports (default: the embedded mock server)")
    .option("-c, --config <file>", "YAML config file (default: the packaged config/default.yaml, about 10 s)")
    .option("--set <key=value>", "override any config key, e.g. --set timing.concurrency=4 (repeatable)", collect, [])
    .option("--url <url>", 'endpoint base URL, or "embedded" for the mock server')
    .option("--model <name>", "model name sent in requests")
    .option("--concurrency <n>", "concurrency mode: keep N requests in flight (with --request-rate: the most in flight)")
    .option("--request-rate <r>", "request-rate mode: R requests per second")
    .option("--requests <n>", "requests in the profiling phase")
    .option("--workers <n>", "execute requests in N worker threads (service_manager: multiprocess)")
    .option("--streaming", "stream responses (SSE)")
    .option("--no-streaming", "do not stream responses")
    .option("--output <dir>", "where exports are written")
    .option("--ui <type>", "progress display: progress, simple, none (default: progress on a terminal, simple elsewhere)")
    .option("--no-cache", "do not use the plugin manifest cache")
    .option("--quiet", "only warnings and errors on stderr")
    .option("--debug", "show stack traces and debug logs")
    .action(async (flags: ProfileFlags) => {
      let secrets: string[] = [];
      const logger = redactingLogger(createConsoleLogger(flags.debug ? "debug" : flags.quiet ? "warn" : "info"), () => secrets);
      // Loaded here, not at start-up, so `aiperf plugins …` does not pay for the profiler.
      const [{ createProfilerApp }, { runProfile }] = await Promise.all([import("../profiler/createProfilerApp.js"), import("../profiler/run/runProfile.js")]);
      const config = flags.config ? path.resolve(io.cwd, flags.config) : path.join(frameworkPackage().root, "config", "default.yaml");
      const app = await createProfilerApp({ config, set: flagsToSet(flags), root: io.cwd, logger, noCache: !flags.cache, isTTY: io.isTTY });
      // Routed keys (a plugin strategy's token) are not in app.config: collect from the config as written too.
      secrets = [...new Set([...collectSecrets(app.config), ...collectSecrets(app.loadedConfig.raw)])];
      const controller = new AbortController();
      let interrupts = 0;
      const onSigint = () => {
        interrupts++;
        if (interrupts > 1) process.exit(130);
        io.stderr("\n[aiperf] interrupted: stopping sending, waiting up to 2 s for requests in flight, then writing exports (Ctrl-C again to quit now)\n");
        controller.abort(new Error("interrupted"));
      };
      process.on("SIGINT", onSigint);
      try {
        const result = await runProfile(app, { signal: controller.signal, write: (t) => io.stdout(redact(t, secrets)) });
        io.stderr(`[aiperf] exports: ${result.files.join(", ")}\n`);
        if (result.exitCode === 1) io.stderr("[aiperf] error: every request failed (see the errors above)\n");
        setExit(result.exitCode);
      } finally {
        process.off("SIGINT", onSigint);
        await app.dispose().catch((e: unknown) => logger.warn(`dispose: ${String(e)}`));
      }
    });
}
