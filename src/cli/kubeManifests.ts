/** What `aiperf kube manifests` builds the manifests from. */
export interface KubeOptions {
  /** The run's config file, as written (it goes into a ConfigMap). */
  configText: string;
  workers: number;
  image: string;
  /** Prefix of every object's name. */
  name: string;
  port: number;
  /** The Kubernetes Secret holding `aiperf-curve.key` (from `aiperf worker keygen`). */
  keySecret: string;
  /** A PersistentVolumeClaim for the controller's exports; an emptyDir when absent. */
  resultsClaim?: string;
}

type Manifest = Record<string, unknown>;

const KEY_DIR = "/etc/aiperf/keys";
const KEY_FILE = `${KEY_DIR}/aiperf-curve.key`;

/**
 * The objects of a distributed run on Kubernetes: a ConfigMap with the run's config, a Service
 * in front of the controller, the controller Job (one pod, binds 0.0.0.0 with CURVE) and the
 * worker Job (`parallelism` = workers), both mounting the CURVE keypair from a Secret.
 */
export function kubeManifests(o: KubeOptions): Manifest[] {
  const labels = (role: string) => ({ "app.kubernetes.io/name": "aiperf", "app.kubernetes.io/instance": o.name, "app.kubernetes.io/component": role });
  const keyVolume = { name: "curve-key", secret: { secretName: o.keySecret, defaultMode: 0o400 } };
  const keyMount = { name: "curve-key", mountPath: KEY_DIR, readOnly: true };
  const controllerArgs = [
    "profile",
    "--config",
    "/etc/aiperf/config/config.yaml",
    "--set",
    "service_manager.type=distributed",
    "--set",
    `service_manager.bind=tcp://0.0.0.0:${o.port}`,
    "--set",
    `service_manager.workers=${o.workers}`,
    "--set",
    `service_manager.curve_key_file=${KEY_FILE}`,
    "--set",
    "service_manager.join_timeout_ms=600000",
    "--output",
    "/results",
    "--ui",
    "simple",
  ];
  const configMap: Manifest = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: `${o.name}-config`, labels: labels("config") },
    data: { "config.yaml": o.configText },
  };
  const service: Manifest = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: `${o.name}-controller`, labels: labels("controller") },
    spec: { selector: labels("controller"), ports: [{ name: "zmq", port: o.port, targetPort: o.port, protocol: "TCP" }] },
  };
  const controller: Manifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: `${o.name}-controller`, labels: labels("controller") },
    spec: {
      completions: 1,
      parallelism: 1,
      backoffLimit: 0,
      template: {
        metadata: { labels: labels("controller") },
        spec: {
          restartPolicy: "Never",
          containers: [
            {
              name: "controller",
              image: o.image,
              args: controllerArgs,
              ports: [{ name: "zmq", containerPort: o.port }],
              volumeMounts: [keyMount, { name: "config", mountPath: "/etc/aiperf/config", readOnly: true }, { name: "results", mountPath: "/results" }],
            },
          ],
          volumes: [
            keyVolume,
            { name: "config", configMap: { name: `${o.name}-config` } },
            o.resultsClaim ? { name: "results", persistentVolumeClaim: { claimName: o.resultsClaim } } : { name: "results", emptyDir: {} },
          ],
        },
      },
    },
  };
  const workers: Manifest = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: `${o.name}-workers`, labels: labels("worker") },
    spec: {
      parallelism: o.workers,
      completions: o.workers,
      backoffLimit: o.workers * 2,
      template: {
        metadata: { labels: labels("worker") },
        spec: {
          // A worker that fails is replaced, and the replacement joins the running controller.
          restartPolicy: "OnFailure",
          containers: [
            {
              name: "worker",
              image: o.image,
              args: ["worker", "--controller", `tcp://${o.name}-controller:${o.port}`, "--key-file", KEY_FILE, "--join-timeout", "10m"],
              volumeMounts: [keyMount],
            },
          ],
          volumes: [keyVolume],
        },
      },
    },
  };
  return [configMap, service, controller, workers];
}
