import { spawnSync } from "node:child_process";
import { startNginx } from "./nginx.js";

const nginx = await startNginx("/tmp/prof-work", 1);
const r = spawnSync(
  "taskset",
  [
    "-c",
    "0",
    process.execPath,
    "--cpu-prof",
    "--cpu-prof-dir=/tmp/prof",
    "bin/aiperf.js",
    "profile",
    "--url",
    nginx.jsonUrl,
    "--requests",
    process.argv[2],
    "--concurrency",
    "64",
    "--no-streaming",
    "--ui",
    "none",
    "--debug",
    "--output",
    "/tmp/prof-work/out",
    "--set",
    "phases.warmup.requests=0",
    "--set",
    "plugins.phase_hooks=[]",
    "--set",
    "output.data_exporters=[json,records]",
    "--set",
    "output.console_exporters=[]",
    "--set",
    "endpoint.preflight=false",
  ],
  { encoding: "utf8" },
);
console.log((r.stderr + r.stdout).match(/end of run[^\n]*/)?.[0]);
await nginx.stop();
