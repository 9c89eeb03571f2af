import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { runCli } from "../helpers/cli.js";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const dir = tempDir("kube");
afterAll(() => removeDir(dir));

// biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects read back from YAML, checked field by field
type Doc = { kind: string; metadata: { name: string; labels: Record<string, string> }; spec: Record<string, any>; data?: Record<string, string> };

describe("aiperf kube manifests", () => {
  it("writes a ConfigMap, a Service, a controller Job and a worker Job with parallelism N that find each other", async () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the config refers to an env variable
    writeFiles(dir, { "config.yaml": "endpoint:\n  url: http://vllm:8000\n  api_key: ${OPENAI_API_KEY}\n" });
    const { code, stderr } = await runCli(["kube", "manifests", "-c", "config.yaml", "--workers", "4", "--out", "k8s.yaml"], { cwd: dir });
    expect(stderr).toContain("k8s.yaml");
    expect(code).toBe(0);
    const docs = parseAllDocuments(readFileSync(path.join(dir, "k8s.yaml"), "utf8")).map((d) => d.toJS() as Doc);
    expect(docs.map((d) => d.kind)).toEqual(["ConfigMap", "Service", "Job", "Job"]);
    const [configMap, service, controller, workers] = docs as [Doc, Doc, Doc, Doc];
    expect(configMap.data?.["config.yaml"]).toContain("http://vllm:8000");
    expect(workers.spec.parallelism).toBe(4);
    expect(workers.spec.completions).toBe(4);
    expect(controller.spec.parallelism).toBe(1);
    // The Service selects the controller pod, on the port the controller binds and workers dial.
    const controllerPod = controller.spec.template;
    expect(controllerPod.metadata.labels).toMatchObject(service.spec.selector);
    const port = service.spec.ports[0].port;
    const args: string[] = controllerPod.spec.containers[0].args;
    expect(args).toContain(`service_manager.bind=tcp://0.0.0.0:${port}`);
    expect(args).toContain("service_manager.workers=4");
    expect(args).toContain("service_manager.type=distributed");
    const workerArgs: string[] = workers.spec.template.spec.containers[0].args;
    expect(workerArgs.slice(0, 3)).toEqual(["worker", "--controller", `tcp://${service.metadata.name}:${port}`]);
    // Both sides hold the same CURVE key, from one Secret.
    const secretOf = (job: Doc) => job.spec.template.spec.volumes.find((v: { secret?: unknown }) => v.secret).secret.secretName;
    expect(secretOf(controller)).toBe(secretOf(workers));
  });

  it("refuses a config holding a literal api key (a ConfigMap is no place for it)", async () => {
    writeFiles(dir, { "leaky.yaml": "endpoint:\n  api_key: sk-live-123456\n" });
    const { code, stderr } = await runCli(["kube", "manifests", "-c", "leaky.yaml", "--out", "leaky-k8s.yaml"], { cwd: dir });
    expect(code).toBe(1);
    expect(stderr).toContain("AIPERF_KUBE_SECRET_IN_CONFIG");
    expect(stderr).toContain("endpoint.api_key");
    expect(stderr).not.toContain("sk-live-123456");
  });
});
