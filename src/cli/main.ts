import { Command, CommanderError } from "commander";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import { AiperfError } from "../kernel/errors/AiperfError.js";
import { printable } from "../kernel/util/printable.js";
import { type CliIO, processIO } from "./CliIO.js";
import { exitCodeOf } from "./exitCodeOf.js";
import { addKubeCommand } from "./kubeCommand.js";
import { addMockServerCommand } from "./mockServerCommand.js";
import { addPlotCommand } from "./plotCommand.js";
import { addPluginsCommand } from "./pluginsCommand.js";
import { addProfileCommand } from "./profileCommand.js";
import { addWorkerCommand } from "./workerCommand.js";

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
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t) })
    .showSuggestionAfterError(true)
    .enablePositionalOptions();
  const setExit = (code: number) => {
    exitCode = code;
  };
  addProfileCommand(program, io, setExit);
  addMockServerCommand(program, io);
  addPlotCommand(program, io);
  addPluginsCommand(program, io, setExit);
  addWorkerCommand(program, io, setExit);
  addKubeCommand(program, io);
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync([...argv], { from: "user" });
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
