import path from "node:path";
import type { Command } from "commander";
import { createConsoleLogger } from "../kernel/app/Logger.js";
import { UsageError } from "../kernel/errors/errors.js";
import type { CliIO } from "./CliIO.js";
import { parseDuration } from "./parseDuration.js";

interface WorkerFlags {
  controller?: string;
  keyFile?: string;
  joinTimeout: string;
  quiet?: boolean;
}

/** Where the worker loop lives: built with the modules, reached without the registry (it runs before any config). */
const WORKER_MODULE = "../../modules/distributed/runWorker.js";
const KEYS_MODULE = "../../modules/distributed/curveKeys.js";

/** `aiperf worker` (join a distributed run) and `aiperf worker keygen`. */
export function addWorkerCommand(program: Command, io: CliIO, setExit: (code: number) => void): void {
  const worker = program
    .command("worker")
    .description("Execute requests for a controller running `service_manager: distributed` (exits when the run ends)")
    .option("--controller <tcp://host:port>", "the controller's service_manager.bind address, reachable from here")
    .option(
      "--key-file <file>",
      "the CURVE keypair shared with the controller (or AIPERF_CURVE_KEY_FILE, or AIPERF_CURVE_PUBLIC_KEY + AIPERF_CURVE_SECRET_KEY)",
    )
    .option("--join-timeout <time>", "give up when the controller has not welcomed this worker within this long", "60s")
    .option("--quiet", "only warnings and errors on stderr")
    .action(async (flags: WorkerFlags) => {
      if (!flags.controller || !/^tcp:\/\/.+:\d+$/.test(flags.controller))
        throw new UsageError("--controller must be given as tcp://HOST:PORT (the controller's service_manager.bind)");
      const joinTimeoutMs = parseDuration("--join-timeout", flags.joinTimeout) * 1000;
      const logger = createConsoleLogger(flags.quiet ? "warn" : "info", (line) => io.stderr(line));
      const [{ runWorker }, { findCurveKeys }] = await Promise.all([import(WORKER_MODULE), import(KEYS_MODULE)]);
      const keys = await findCurveKeys(flags.keyFile ? path.resolve(io.cwd, flags.keyFile) : undefined);
      const controller = new AbortController();
      const stop = () => controller.abort();
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      try {
        const code: number = await runWorker({ controller: flags.controller, keys, joinTimeoutMs, logger, signal: controller.signal, cwd: io.cwd });
        setExit(code);
        // Whatever a plugin left open must not keep a finished worker alive (no orphans).
        setTimeout(() => process.exit(code), 3000).unref();
      } finally {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
      }
    });
  worker
    .command("keygen")
    .description("Write a new CURVE keypair for a controller and its workers: <prefix>.key (secret) and <prefix>.pub, both 0600")
    .option("--out <prefix>", "file prefix", "aiperf-curve")
    .option("--force", "replace existing files")
    .action(async (flags: { out: string; force?: boolean }) => {
      const { writeKeyPair } = await import(KEYS_MODULE);
      const files: string[] = await writeKeyPair(path.resolve(io.cwd, flags.out), flags.force ?? false);
      io.stderr(`[aiperf] wrote ${files.join(" and ")} (0600); the key itself is not printed\n`);
    });
}
