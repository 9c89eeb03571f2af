import { describe, expect, it } from "vitest";
import { cliIn, expectClean, folders, QUICK, SECRET, WITH_KEY } from "./hostile.js";

const dirFor = folders();

/**
 * Phase hooks that misbehave. Each runs in a real `aiperf profile` with the built-in
 * phase_logging hook after it: the run still completes both requests, writes its export, exits
 * `code`, logs `logged` (without a stack trace or the secret), and counts `failures`.
 */
const hooks: [name: string, body: string, logged: RegExp, failures: Record<string, number>, extra?: string][] = [
  [
    "throws in onPhaseStart",
    'async onPhaseStart() { throw new Error("hook blew up"); }',
    /phase hook "rogue" failed in onPhaseStart \(profiling\): hook blew up/,
    { rogue: 1 },
  ],
  [
    "throws synchronously",
    'onPhaseStart() { throw new Error("sync blow-up"); }',
    /phase hook "rogue" failed in onPhaseStart \(profiling\): sync blow-up/,
    { rogue: 1 },
  ],
  ["throws a non-Error", 'async onPhaseStart() { throw { weird: "object" }; }', /phase hook "rogue" failed in onPhaseStart \(profiling\)/, { rogue: 1 }],
  [
    "never settles (hook_timeout_ms bounds it)",
    "onPhaseStart() { return new Promise(() => {}); }",
    /phase hook "rogue" failed in onPhaseStart \(profiling\)/,
    { rogue: 1 },
  ],
  [
    "hangs in onPhaseComplete",
    "onPhaseComplete() { return new Promise(() => {}); }",
    /phase hook "rogue" failed in onPhaseComplete \(profiling\)/,
    { rogue: 1 },
  ],
  [
    "quotes the api key in its error",
    `async onPhaseStart() { throw new Error("leaked ${SECRET}"); }`,
    /phase hook "rogue" failed in onPhaseStart \(profiling\): leaked \*\*\*/,
    { rogue: 1 },
  ],
  [
    "calls process.exit",
    "async onPhaseComplete() { process.exit(3); }",
    /process\.exit\(3\) was called during the run \(by a plugin\?\): refused, the run goes on/,
    { rogue: 1 },
  ],
  [
    "throws from a timer",
    'async onPhaseStart() { setTimeout(() => { throw new Error("timer boom"); }, 0); await new Promise((r) => setTimeout(r, 5)); }',
    /an uncaught exception \(plugin code\?\) was contained, the run goes on: timer boom/,
    {},
  ],
  [
    "leaves a rejected promise",
    'async onPhaseStart() { Promise.reject(new Error("nobody listens")); await new Promise((r) => setTimeout(r, 5)); }',
    /an unhandled promise rejection \(plugin code\?\) was contained, the run goes on: nobody listens/,
    {},
  ],
  [
    "returns a thenable that rejects",
    'onPhaseStart() { return { then(_ok, fail) { fail(new Error("thenable no")); } }; }',
    /phase hook "rogue" failed in onPhaseStart \(profiling\): thenable no/,
    { rogue: 1 },
  ],
];

const registry = "plugin: { name: rogue }\nphase_hook:\n  rogue: { class: ./hook.js:RogueHook }\n";
const run = (hooksList: string, extra = "") => `${QUICK}${WITH_KEY}plugins:\n  paths: [rogue]\n  hook_timeout_ms: 200\n  phase_hooks: [${hooksList}]\n${extra}`;

describe("plugin hooks cannot end, crash or stall a run", () => {
  it.concurrent.each(hooks)("a hook that %s", async (_, body, logged, failures) => {
    const dir = dirFor("hooks");
    const hook = `export class RogueHook {\n  ${body.replace("onPhaseStart()", "onPhaseStart(phase)").replace("async onPhaseStart(phase) {", 'async onPhaseStart(phase) { if (phase !== "profiling") return;')}\n}\n`;
    const outcome = await cliIn(
      dir,
      { "rogue/registry.yaml": registry, "rogue/hook.js": hook, "run.yaml": run("rogue, phase_logging") },
      ["profile", "-c", "run.yaml"],
      {
        OPENAI_API_KEY: SECRET,
      },
    );
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toMatch(logged);
    const exported = JSON.parse(outcome.exported["profile_export.json"] ?? "{}");
    expect(exported.phases.find((p: { phase: string }) => p.phase === "profiling").completed).toBe(2);
    expect(exported.hookFailures).toEqual(failures);
    // The hook after the rogue one still ran.
    expect(outcome.stderr).toMatch(/profiling.*complete/i);
    expectClean(outcome);
  });
});

/** Plugins that cannot be loaded at all: the run refuses before sending, naming the plugin, with a code. */
const broken: [name: string, files: Record<string, string>, error: RegExp][] = [
  [
    "a module that throws when imported",
    { "rogue/hook.js": 'throw new Error("import-time boom");\n' },
    /AIPERF_PLUGIN_LOAD_FAILED[\s\S]*rogue[\s\S]*import-time boom/,
  ],
  ["a module with a syntax error", { "rogue/hook.js": "export class RogueHook {\n" }, /AIPERF_PLUGIN_LOAD_FAILED[\s\S]*rogue/],
  ["a module without the named export", { "rogue/hook.js": "export class Other {}\n" }, /AIPERF_PLUGIN_LOAD_FAILED[\s\S]*RogueHook/],
  ["a module file that does not exist", {}, /AIPERF_PLUGIN_LOAD_FAILED[\s\S]*hook\.js/],
  ["a constructor that throws", { "rogue/hook.js": 'export class RogueHook { constructor() { throw new Error("ctor boom"); } }\n' }, /ctor boom/],
];

describe("a plugin that cannot be loaded is one coded error, never a stack trace", () => {
  it.concurrent.each(broken)("%s", async (_, files, error) => {
    const dir = dirFor("broken");
    const outcome = await cliIn(dir, { "rogue/registry.yaml": registry, ...files, "run.yaml": run("rogue") }, ["profile", "-c", "run.yaml"], {
      OPENAI_API_KEY: SECRET,
    });
    expect(outcome.code, outcome.stderr).not.toBe(0);
    expect(outcome.stderr).toMatch(/^error AIPERF_[A-Z_]+: /);
    expect(outcome.stderr).toMatch(error);
    expectClean(outcome);
  });
});
