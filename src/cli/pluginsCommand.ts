import path from "node:path";
import type { Command } from "commander";
import { formatLocation } from "../kernel/errors/AiperfError.js";
import { TypeNotFoundError } from "../kernel/errors/errors.js";
import type { Registry } from "../kernel/registry/Registry.js";
import type { ImplementationEntry } from "../kernel/registry/types.js";
import { normalizeName } from "../kernel/util/normalizeName.js";
import { printable } from "../kernel/util/printable.js";
import type { CliIO } from "./CliIO.js";
import type { ConfigField } from "./describeConfigClass.js";
import { renderTable } from "./renderTable.js";

interface CommonFlags {
  config?: string;
  json?: boolean;
  cache?: boolean;
}

/**
 * Discovers plugins for a listing. Heavy modules load on demand: without `-c` no config is read
 * (so class-validator is never loaded), and a warm manifest cache never loads the YAML parser.
 */
async function discover(io: CliIO, flags: CommonFlags): Promise<Registry> {
  const { paths, disabled } = await pluginsConfig(io, flags);
  const [{ discoverPlugins }, { cachedManifestReader }, { profilerHost }] = await Promise.all([
    import("../kernel/discovery/discoverPlugins.js"),
    import("../kernel/discovery/manifestCache.js"),
    import("../profiler/profilerHost.js"),
  ]);
  const noCache = flags.cache === false || process.env.AIPERF_NO_CACHE === "1";
  return discoverPlugins({ root: io.cwd, paths, disabled, ...profilerHost(), ...(noCache ? {} : { reader: cachedManifestReader(io.cwd) }) });
}

/** Config `plugins.paths` (absolute) and `plugins.disabled`, from `-c` when given. */
async function pluginsConfig(io: CliIO, flags: CommonFlags): Promise<{ paths: string[]; disabled: string[] }> {
  if (!flags.config) return { paths: [], disabled: [] };
  const { loadProfilerConfig } = await import("../profiler/config/loadProfilerConfig.js");
  const loaded = loadProfilerConfig({ config: path.resolve(io.cwd, flags.config) });
  return { paths: loaded.config.plugins.paths.map((p) => path.resolve(loaded.baseDir, p)), disabled: loaded.config.plugins.disabled };
}

function ruleText(e: ImplementationEntry): string {
  if (!e.decision) return "";
  const rule = { priority: "higher priority", non_builtin: "non-built-in beats built-in", first_discovered: "discovered first" }[e.decision.rule];
  return e.winner ? `beat ${e.decision.beat?.join("; ")} (${rule})` : `shadowed by ${e.decision.beatenBy} (${rule})`;
}

function entryJson(e: ImplementationEntry) {
  return {
    protocol: e.protocol,
    name: e.name,
    display_name: e.displayName,
    plugin: e.plugin,
    origin: e.origin,
    status: e.winner ? "winner" : "shadowed",
    priority: e.priority,
    class: e.class.raw,
    module: e.class.modulePath,
    export: e.class.exportName,
    config: e.config?.raw ?? null,
    description: e.description,
    tags: e.tags,
    auto_load: e.autoLoad,
    scope: e.scope,
    metadata: e.metadata,
    location: formatLocation(e.location),
    decision: e.decision
      ? { rule: e.decision.rule, ...(e.decision.beat ? { beat: e.decision.beat } : {}), ...(e.decision.beatenBy ? { beaten_by: e.decision.beatenBy } : {}) }
      : null,
  };
}

/** Code-point order: names are normalized ASCII, and localeCompare is ten times slower. */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Indented on a terminal, one line in pipes (where tools read it and size matters). */
const json = (io: CliIO, value: unknown) => io.stdout(`${JSON.stringify(value, null, io.isTTY ? 2 : undefined)}\n`);

/** `aiperf plugins`: one row per plugin. */
async function pluginRows(io: CliIO, flags: CommonFlags): Promise<void> {
  const registry = await discover(io, flags);
  const rows = registry.plugins().map((p) => ({
    name: p.name,
    version: p.version,
    origin: p.origin,
    implementations: p.entryCount,
    problems: p.problems.length,
    status: p.skipped ? `skipped: ${p.skipReason}` : "loaded",
  }));
  if (flags.json) return json(io, rows);
  io.stdout(
    renderTable(
      ["NAME", "VERSION", "ORIGIN", "IMPLS", "PROBLEMS", "STATUS"],
      rows.map((r) => [r.name, r.version, r.origin, String(r.implementations), String(r.problems), r.status]),
    ),
  );
  const problems = registry.problems();
  if (problems.length > 0) io.stdout(`\n${problems.length} problem(s): run "aiperf plugins info <plugin>" for details\n`);
}

/** `aiperf plugins list [protocol]`: implementations, winners first within a name. */
async function listEntries(io: CliIO, protocol: string | undefined, flags: CommonFlags): Promise<void> {
  const registry = await discover(io, flags);
  const entries = registry
    .list(protocol)
    .sort((a, b) => compareText(a.protocol, b.protocol) || compareText(a.name, b.name) || Number(b.winner) - Number(a.winner));
  if (flags.json) return json(io, entries.map(entryJson));
  io.stdout(
    renderTable(
      ["PROTOCOL", "NAME", "STATUS", "PRIORITY", "PLUGIN", "DECISION"],
      entries.map((e) => [e.protocol, e.name, e.winner ? "winner" : "shadowed", String(e.priority), e.plugin, ruleText(e)]),
    ),
  );
}

type DescribedEntry = ReturnType<typeof entryJson> & { config_fields: ConfigField[] | string | null };

/** `aiperf plugins show <protocol> <name>`: every entry by that name, with its config fields. */
async function showEntry(io: CliIO, protocol: string, name: string, flags: CommonFlags): Promise<void> {
  const registry = await discover(io, flags);
  const all = registry.list(protocol).filter((e) => e.name === normalizeName(name));
  if (all.length === 0) throw new TypeNotFoundError(registry.protocol(protocol).name, name, [...new Set(registry.list(protocol).map((e) => e.name))]);
  const { describeConfigClass } = await import("./describeConfigClass.js");
  const described: DescribedEntry[] = [];
  for (const e of all) {
    let configFields: ConfigField[] | string | null = null;
    if (e.config)
      configFields = await describeConfigClass(e.config).catch(
        (error: unknown) => `cannot read ${e.config?.raw}: ${error instanceof Error ? error.message : String(error)}`,
      );
    described.push({ ...entryJson(e), config_fields: configFields });
  }
  if (flags.json) return json(io, described);
  for (const [i, e] of all.entries()) printEntry(io, e, described[i] as DescribedEntry);
}

function printEntry(io: CliIO, e: ImplementationEntry, described: DescribedEntry): void {
  const { config_fields: fields, ...j } = described;
  io.stdout(`${e.protocol} ${e.name} (${j.status})\n`);
  for (const [k, v] of Object.entries(j))
    if (!["protocol", "name", "status"].includes(k)) io.stdout(`  ${k.padEnd(12)} ${typeof v === "string" ? v : JSON.stringify(v)}\n`);
  io.stdout(`  ${"why".padEnd(12)} ${ruleText(e) || "the only entry with this name"}\n`);
  if (typeof fields === "string") io.stdout(`  ${"config".padEnd(12)} ${fields}\n`);
  else if (fields) {
    for (const f of fields)
      io.stdout(`    ${f.name.padEnd(16)} ${f.rules.join(", ")}${f.required ? "  (required)" : `  default ${JSON.stringify(f.default ?? null)}`}\n`);
  }
}

/** `aiperf plugins info <plugin>`: metadata, what it provides, its problems. */
async function pluginInfo(io: CliIO, name: string, flags: CommonFlags): Promise<void> {
  const registry = await discover(io, flags);
  const plugin = registry.plugins().find((p) => normalizeName(p.name) === normalizeName(name));
  if (!plugin)
    throw new TypeNotFoundError(
      "plugin",
      name,
      registry.plugins().map((p) => p.name),
    );
  const provides = registry.list().filter((e) => e.plugin === plugin.name);
  const problems = plugin.problems.map((p) => ({ location: formatLocation(p.location), code: p.code, severity: p.severity, message: p.message }));
  if (flags.json) return json(io, { ...plugin, provides: provides.map(entryJson), problems });
  io.stdout(`${plugin.name} ${plugin.version} (${plugin.origin})${plugin.skipped ? ` — skipped: ${plugin.skipReason}` : ""}\n`);
  if (plugin.description) io.stdout(`  ${plugin.description}\n`);
  io.stdout(`  registry    ${plugin.registryFile}\n`);
  if (plugin.author) io.stdout(`  author      ${plugin.author}\n`);
  if (plugin.requires) io.stdout(`  requires    aiperf ${plugin.requires}\n`);
  if (plugin.dependencies?.length) io.stdout(`  depends on  ${plugin.dependencies.map((d) => `${d.displayName}${d.range ? ` ${d.range}` : ""}`).join(", ")}\n`);
  if (plugin.lifecycle) io.stdout(`  lifecycle   ${plugin.lifecycle.raw}${plugin.autoStart ? " (auto_start)" : ""}\n`);
  io.stdout(`  provides    ${provides.length === 0 ? "nothing" : ""}\n`);
  for (const e of provides) io.stdout(`    ${e.protocol}/${e.name}${e.winner ? "" : " (shadowed)"}  ${e.description}\n`);
  for (const p of problems) io.stdout(`  ${p.location}  ${p.code}  ${p.message}\n`);
}

/** `aiperf plugins protocols`: each protocol's cardinality and description. */
async function listProtocols(io: CliIO, flags: CommonFlags & { all?: boolean }): Promise<void> {
  const registry = await discover(io, flags);
  const list = registry
    .protocols(Boolean(flags.all))
    .map((p) => ({ name: p.name, cardinality: p.cardinality, internal: p.internal, members: [...p.members], description: p.description }));
  if (flags.json) return json(io, list);
  io.stdout(
    renderTable(
      ["PROTOCOL", "CARD.", "DESCRIPTION"],
      list.map((p) => [p.name, p.cardinality, p.description + (p.internal ? " (internal)" : "")]),
    ),
  );
}

/** `aiperf plugins validate [paths…]`: the exit code, 1 on any problem (a warning included). */
async function validate(io: CliIO, paths: string[], flags: CommonFlags & { import?: boolean }): Promise<number> {
  const [{ validatePlugins }, { profilerHost }] = await Promise.all([import("./validatePlugins.js"), import("../profiler/profilerHost.js")]);
  const all = await validatePlugins({
    root: io.cwd,
    paths: (await pluginsConfig(io, flags)).paths,
    targets: paths.map((p) => path.resolve(io.cwd, p)),
    host: profilerHost(),
    importCode: Boolean(flags.import),
  });
  const problems = all.flatMap((a) => a.problems);
  if (flags.json)
    json(
      io,
      all.map((a) => ({
        path: a.target,
        problems: a.problems.map((p) => ({ location: formatLocation(p.location), code: p.code, severity: p.severity, message: p.message })),
      })),
    );
  else {
    for (const p of problems) io.stdout(`${formatLocation(p.location)}  ${p.code}  ${p.message}\n`);
    io.stdout(
      `${all.length} plugin(s) checked${flags.import ? " (with --import)" : ""}: ${problems.length === 0 ? "no problems" : `${problems.length} problem(s)`}\n`,
    );
  }
  // Any problem, a warning included: a plugin that discovery would skip has not passed.
  return problems.length > 0 ? 1 : 0;
}

/** `aiperf plugins …`. Listing commands read manifests only: no plugin code runs. */
export function addPluginsCommand(program: Command, rawIo: CliIO, setExit: (code: number) => void): void {
  // Everything here prints what manifests say: names, descriptions, messages. JSON output is
  // already escaped; plain text gets its control characters shown, not obeyed.
  const io: CliIO = { ...rawIo, stdout: (t) => rawIo.stdout(printable(t)), stderr: (t) => rawIo.stderr(printable(t)) };
  const common = (c: Command) =>
    c.option("-c, --config <file>", "config file (for plugins.paths)").option("--json", "print JSON").option("--no-cache", "do not use the manifest cache");
  const plugins = program
    .command("plugins")
    .description("Installed plugins: name, version, origin, number of implementations, problems (reads manifests only)")
    .option("-c, --config <file>", "config file (for plugins.paths and plugins.disabled)")
    .option("--json", "print JSON")
    .option("--no-cache", "do not use the manifest cache")
    .enablePositionalOptions()
    .action((flags: CommonFlags) => pluginRows(io, flags));
  common(
    plugins
      .command("list")
      .argument("[protocol]", "only this protocol")
      .description("Implementations, winners and shadowed, with priority, plugin and the rule that decided"),
  ).action((protocol: string | undefined, flags: CommonFlags) => listEntries(io, protocol, flags));
  common(
    plugins
      .command("show")
      .argument("<protocol>")
      .argument("<name>")
      .description("One implementation in full: every field, class path, config fields (imports only the config class's module), and why it won or lost"),
  ).action((protocol: string, name: string, flags: CommonFlags) => showEntry(io, protocol, name, flags));
  common(plugins.command("info").argument("<plugin>").description("One plugin: metadata, what it provides, and its problems")).action(
    (name: string, flags: CommonFlags) => pluginInfo(io, name, flags),
  );
  common(plugins.command("protocols").description("Protocols with cardinality and description").option("--all", "include internal protocols")).action(
    (flags: CommonFlags & { all?: boolean }) => listProtocols(io, flags),
  );
  plugins
    .command("new")
    .argument("<name>", "package name (lower case, digits, -)")
    .description("Scaffold a plugin package that passes its own tests and `plugins validate --import`")
    .option("--dir <dir>", "parent folder", ".")
    .action(async (name: string, flags: { dir: string }) => {
      const { scaffoldPlugin } = await import("./scaffoldPlugin.js");
      const { dir, files } = scaffoldPlugin(name, path.resolve(io.cwd, flags.dir));
      io.stdout(
        `Created ${dir}:\n${files.map((f) => `  ${f}`).join("\n")}\nNext: cd ${path.relative(io.cwd, dir) || "."} && npm install && npm test && npx aiperf plugins validate --import .\n`,
      );
    });
  plugins
    .command("health")
    .description("Start the plugins the config enables, print each one's health, clean up; exit 1 when any is down")
    .option("-c, --config <file>", "config file (default: the built-in defaults)")
    .option("--json", "print JSON")
    .option("--no-cache", "do not use the manifest cache")
    .action(async (flags: CommonFlags) => {
      const { pluginsHealth } = await import("./pluginsHealth.js");
      setExit(await pluginsHealth(io, flags));
    });
  plugins
    .command("validate")
    .argument("[paths...]", "plugin folders or registry files (default: every discovered plugin)")
    .description("Check registries without running plugin code; exit 1 on any problem")
    .option("--import", "also import each implementation and check protocol conformance and config defaults")
    .option("-c, --config <file>", "config file (for plugins.paths)")
    .option("--json", "print JSON")
    .action(async (paths: string[], flags: CommonFlags & { import?: boolean }) => setExit(await validate(io, paths, flags)));
}
