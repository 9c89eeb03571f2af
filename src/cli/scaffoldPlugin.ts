import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { frameworkPackage } from "../kernel/discovery/frameworkRoot.js";
import { UsageError } from "../kernel/errors/errors.js";

function pascal(name: string): string {
  return name
    .split(/[-_]/)
    .filter(Boolean)
    .map((p) => p[0]?.toUpperCase() + p.slice(1))
    .join("");
}

/**
 * Writes a plugin package (`plugins new`): package.json with the `aiperf` field and a
 * peer dependency, registry.yaml with the schema modeline, a phase hook with a class-validator
 * config class, a test (node's own runner) and a README. Plain ESM JavaScript, so it runs and
 * passes `plugins validate --import` with no build step.
 */
export function scaffoldPlugin(name: string, parentDir: string): { dir: string; files: string[] } {
  if (!/^[a-z][a-z0-9-]*$/.test(name))
    throw new UsageError(`plugin name "${name}" must be lower case letters, digits and "-", starting with a letter (it becomes the npm package name)`);
  const dir = path.resolve(parentDir, name);
  if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${dir} already exists and is not empty; pick another name or --dir`);
  const hookName = `${name.replace(/-/g, "_")}_hook`;
  const Hook = `${pascal(name)}Hook`;
  const Config = `${pascal(name)}Config`;
  const framework = frameworkPackage();
  const range = `>=${framework.version.split(".")[0]}.0.0 <${Number(framework.version.split(".")[0]) + 1}`;
  // Develop against the very framework that made the plugin: a `file:` link installs with no
  // registry access for aiperf. The peer range is what a published plugin promises.
  const link = `file:${path.relative(dir, framework.root).split(path.sep).join("/") || "."}`;
  const files: Record<string, string> = {
    "package.json": `${JSON.stringify(
      {
        name,
        version: "0.1.0",
        type: "module",
        description: `An aiperf plugin with the ${hookName} phase hook`,
        aiperf: { registry: "registry.yaml" },
        files: ["registry.yaml", "src", "README.md"],
        scripts: { test: "node --test", validate: "aiperf plugins validate --import ." },
        peerDependencies: { aiperf: range },
        devDependencies: { aiperf: link },
      },
      null,
      2,
    )}\n`,
    "registry.yaml": `# yaml-language-server: $schema=./node_modules/aiperf/schema/registry.schema.json
schema_version: "1.0"
plugin:
  name: ${name}
  version: 0.1.0
  description: An aiperf plugin
  requires: "${range}"

phase_hook:
  ${hookName}:
    class: ./src/hook.js:${Hook}
    config: ./src/config.js:${Config}
    description: Counts phase events and optionally appends them to a file
`,
    "src/config.js": `import { IsBoolean, IsOptional, IsString } from "aiperf/validators";

/** Config of ${hookName} (validated before the hook is built). */
export class ${Config} {
  /** Append one line per event here (optional). */
  log_file = undefined;
  /** Include counts in each line. */
  verbose = false;
}
IsOptional()(${Config}.prototype, "log_file");
IsString()(${Config}.prototype, "log_file");
IsBoolean()(${Config}.prototype, "verbose");
`,
    "src/hook.js": `import { appendFile } from "node:fs/promises";
import { BasePhaseLifecycleHook, inject, PLUGIN_CONFIG } from "aiperf";

/** Records every phase event; writes them to config.log_file when set. */
export class ${Hook} extends BasePhaseLifecycleHook {
  events = [];

  constructor(config) {
    super();
    this.config = config;
  }

  async record(event, phase, tracker) {
    const stats = tracker.createStats();
    const line = this.config.verbose ? \`\${phase} \${event} sent=\${stats.sent} completed=\${stats.completed}\` : \`\${phase} \${event}\`;
    this.events.push(line);
    if (this.config.log_file) await appendFile(this.config.log_file, \`\${line}\\n\`);
  }

  async onPhaseStart(phase, tracker) { await this.record("start", phase, tracker); }
  async onPhaseSendingComplete(phase, tracker) { await this.record("sending_complete", phase, tracker); }
  async onPhaseComplete(phase, tracker) { await this.record("complete", phase, tracker); }
  async onPhaseTimeout(phase, tracker) { await this.record("timeout", phase, tracker); }
}
// Explicit injection: plugins never rely on emitDecoratorMetadata.
inject(PLUGIN_CONFIG)(${Hook}, undefined, 0);
`,
    "test/hook.test.js": `import assert from "node:assert/strict";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { CreditPhase, PhaseOrchestrator } from "aiperf";
import { createTestApp } from "aiperf/testing";

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

test("${hookName} sees every phase event in order", async () => {
  const app = await createTestApp({ noCache: true, config: { plugins: { paths: [pluginDir], phase_hooks: [{ name: "${hookName}", config: { verbose: true } }] } } });
  const orchestrator = await app.get(PhaseOrchestrator);
  await orchestrator.runPhase(CreditPhase.Profiling, {}, async (ctx) => {
    ctx.tracker.recordSent();
    ctx.tracker.recordEnd("ok");
    await ctx.sendingComplete();
    return [];
  });
  const [hook] = await app.getAll(Symbol.for("aiperf.protocol.phase_hook"));
  assert.deepEqual(hook.events, ["profiling start sent=0 completed=0", "profiling sending_complete sent=1 completed=1", "profiling complete sent=1 completed=1"]);
  await app.dispose();
});

test("${hookName} rejects a config of the wrong type", async () => {
  const app = await createTestApp({ noCache: true, config: { plugins: { paths: [pluginDir], phase_hooks: [{ name: "${hookName}", config: { verbose: "yes" } }] } } });
  await assert.rejects(app.get(PhaseOrchestrator), /verbose/);
  await app.dispose();
});
`,
    "README.md": `# ${name}

An [aiperf](https://www.npmjs.com/package/aiperf) plugin. It provides the phase hook \`${hookName}\`.

Enable it in your aiperf config after installing it (list it in your app's \`dependencies\`):

\`\`\`yaml
plugins:
  phase_hooks:
    - name: ${hookName}
      config: { log_file: ./artifacts/${name}.log, verbose: true }
\`\`\`

Develop: \`npm install\`, then \`npm test\` (node's test runner) and \`npm run validate\`
(\`aiperf plugins validate --import .\`).

The package develops against the aiperf it was created from: \`devDependencies.aiperf\` is a
\`file:\` link to that folder (${link}), so \`npm install\` needs no registry copy of aiperf. Before
publishing, replace it with the published version (\`npm install -D aiperf@${range.split(" ")[0].slice(2)}\`
or a packed tarball from \`npm pack\` in the framework); users get aiperf through the peer range
\`${range}\`.
`,
  };
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
  return { dir, files: Object.keys(files) };
}
