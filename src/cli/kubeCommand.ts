import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Command } from "commander";
import { AiperfError } from "../kernel/errors/AiperfError.js";
import { UsageError } from "../kernel/errors/errors.js";
import { writeFileAtomic } from "../kernel/util/writeFileAtomic.js";
import type { CliIO } from "./CliIO.js";
import { kubeManifests } from "./kubeManifests.js";

interface KubeFlags {
  config?: string;
  workers: string;
  image: string;
  name: string;
  port: string;
  keySecret: string;
  resultsClaim?: string;
  out: string;
}

/** Keys whose values must come from the environment (a Secret), never sit in a ConfigMap. */
const SECRET_KEY = /(api_?key|token|secret|password)$/i;

/** The dotted paths of secret-looking keys holding a literal value rather than a `${VAR}` reference. */
function literalSecrets(node: unknown, at: string[] = []): string[] {
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node as Record<string, unknown>).flatMap(([key, value]) =>
    typeof value === "string" && SECRET_KEY.test(key) && value !== "" && !/^\$\{\w+\}$/.test(value.trim())
      ? [[...at, key].join(".")]
      : literalSecrets(value, [...at, key]),
  );
}

/** `aiperf kube manifests`. */
export function addKubeCommand(program: Command, io: CliIO): void {
  const kube = program.command("kube").description("Kubernetes deployment of a distributed run");
  kube
    .command("manifests")
    .description("Write a controller Job, a worker Job (parallelism N), a Service and the config's ConfigMap as one YAML file")
    .option("-c, --config <file>", "the run's config file")
    .option("--workers <n>", "worker pods", "2")
    .option("--image <image>", "container image with aiperf (and your plugins) installed", "aiperf:latest")
    .option("--name <name>", "prefix of the objects' names", "aiperf")
    .option("--port <port>", "the controller's ZeroMQ port", "5555")
    .option("--key-secret <name>", "the Secret holding aiperf-curve.key (kubectl create secret generic NAME --from-file=aiperf-curve.key)", "aiperf-curve")
    .option("--results-claim <pvc>", "PersistentVolumeClaim for the exports (default: an emptyDir)")
    .option("--out <file>", "where to write", "aiperf-k8s.yaml")
    .action(async (flags: KubeFlags) => {
      if (!flags.config) throw new UsageError("kube manifests needs -c/--config <file> (the run's config)");
      const workers = Number(flags.workers);
      if (!Number.isInteger(workers) || workers < 1 || workers > 4096)
        throw new UsageError(`--workers must be an integer from 1 to 4096, got "${flags.workers}"`);
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port must be an integer from 1 to 65535, got "${flags.port}"`);
      if (!/^[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?$/.test(flags.name))
        throw new UsageError(`--name must be a DNS label (lowercase letters, digits, '-'), got "${flags.name}"`);
      const configFile = path.resolve(io.cwd, flags.config);
      const configText = await readFile(configFile, "utf8").catch((e: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot read ${configFile}: ${e.code ?? e.message}`);
      });
      const { parse, stringify } = await import("yaml");
      const secrets = literalSecrets(parse(configText));
      if (secrets.length > 0)
        throw new AiperfError(
          "AIPERF_KUBE_SECRET_IN_CONFIG",
          `${configFile} holds a literal secret at ${secrets.join(", ")}: a ConfigMap is no place for it; write \${OPENAI_API_KEY} there and give the controller pod that variable from a Secret`,
        );
      const docs = kubeManifests({
        configText,
        workers,
        image: flags.image,
        name: flags.name,
        port,
        keySecret: flags.keySecret,
        resultsClaim: flags.resultsClaim,
      });
      const out = path.resolve(io.cwd, flags.out);
      await writeFileAtomic(out, docs.map((d) => stringify(d)).join("---\n"));
      io.stderr(
        `[aiperf] wrote ${out}: ConfigMap, Service, controller Job, worker Job (${workers} pods); kubectl apply -f ${path.relative(io.cwd, out) || out}\n`,
      );
    });
}
