#!/usr/bin/env node
// `npm test`: every step runs even when an earlier one fails, so one run reports every failure
// (a failing vitest run must not hide the workspace plugins' own tests). Exit 1 if any failed.
import { spawnSync } from "node:child_process";

const steps = [
  ["lint", "npm", ["run", "lint"]],
  ["build", "npm", ["run", "build"]],
  ["build workspaces", "npm", ["run", "build", "--workspaces", "--if-present"]],
  ["type-check", "npm", ["run", "typecheck"]],
  ["tests", "npx", ["vitest", "run"]],
  ["workspace tests", "npm", ["test", "--workspaces", "--if-present"]],
];

const failed = [];
for (const [name, command, args] of steps) {
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(" ")}\n`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status !== 0) failed.push(`${name} (exit ${result.status ?? result.signal})`);
}
process.stdout.write(failed.length === 0 ? "\n=== npm test: every step passed\n" : `\n=== npm test: FAILED: ${failed.join("; ")}\n`);
process.exit(failed.length === 0 ? 0 : 1);
