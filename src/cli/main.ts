import { Command, CommanderError } from "commander";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import { AiperfError } from "../kernel/errors/AiperfError.js";
import { ErrorCode } from "../kernel/errors/codes.js";
import { printable } from "../kernel/util/printable.js";
import { unlessDrained } from "../kernel/util/unlessDrained.js";
import { type CliIO, processIO } from "./CliIO.js";
import { exitCodeOf } from "./exitCodeOf.js";

/**
 * The `aiperf` command line. Returns the exit code: 0 success, 1 failure,
 * 2 usage or config error, 130 interrupted. No stack trace unless `--debug`.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const program = new Command("aiperf")
    .description("Profile OpenAI-compatible LLM endpoints; inspect and validate plugins")
    .version(frameworkPackage().version)
    .exitOverride()
    .configureOutput({
      writeOut: (t) => io.stdout(t),
      writeErr: (t) => io.stderr(t),
      // Commander's own usage errors (an unknown option or command, a missing value) carry the same code as ours.
      outputError: (t, write) => write(t.replace(/^error: /, `error ${ErrorCode.Usage}: `)),
    })
    .showSuggestionAfterError(true)
    .enablePositionalOptions();
  const setExit = (code: number) => {
    exitCode = code;
  };
  // Only the command being run is loaded (start-up is measured); help and unknown commands load all.
  const commands: Record<string, () => Promise<void>> = {
    profile: async () => (await import("./profileCommand.js")).addProfileCommand(program, io, setExit),
    "mock-server": async () => (await import("./mockServerCommand.js")).addMockServerCommand(program, io),
    plot: async () => (await import("./plotCommand.js")).addPlotCommand(program, io),
    plugins: async () => (await import("./pluginsCommand.js")).addPluginsCommand(program, io, setExit),
    worker: async () => (await import("./workerCommand.js")).addWorkerCommand(program, io, setExit),
    kube: async () => (await import("./kubeCommand.js")).addKubeCommand(program, io),
  };
  const named = argv.find((a) => !a.startsWith("-"));
  for (const name of named !== undefined && Object.hasOwn(commands, named) ? [named] : Object.keys(commands)) await commands[name]?.();
  for (const command of program.commands) command.exitOverride();
  try {
    await unlessDrained(
      program.parseAsync([...argv], { from: "user" }),
      "aiperf stopped unfinished: something (plugin code?) awaits what nothing is left to do, so what was not written by then is lost",
      { lastResort: true },
    );
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
      return 2;
    }
    const debug = argv.includes("--debug");
    if (error instanceof AiperfError) io.stderr(`error ${error.code}: ${printable(error.message)}\n`);
    else io.stderr(`error: ${printable(error instanceof Error ? error.message : String(error))}\n`);
    if (debug && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    else if (!(error instanceof AiperfError)) io.stderr("(run with --debug for the stack trace)\n");
    return exitCodeOf(error);
  }
}
