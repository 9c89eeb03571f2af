import path from "node:path";
import { type AiperfError, createApp, silentLogger } from "aiperf/kernel";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";
import { createNotifyApp, notifyAppOptions } from "./notify-service/src/index.js";

const dir = tempDir("notify-config");
const quiet = { logger: silentLogger, noCache: true } as const;
afterAll(() => removeDir(dir));

function configFile(name: string, text: string): string {
  writeFiles(dir, { [name]: text });
  return path.join(dir, name);
}

async function failure(app: Promise<unknown>): Promise<AiperfError> {
  return app.then(
    () => {
      throw new Error("expected the app to be refused");
    },
    (error: unknown) => error as AiperfError,
  );
}

describe("the notify service's config errors", () => {
  it("an unknown key fails with AIPERF_CONFIG_INVALID at file:line:col, with the closest key", async () => {
    const file = configFile("typo.yaml", "notify:\n  formater: markdown\n  channels: { memory: }\n");
    const error = await failure(createNotifyApp({ ...quiet, config: file }));
    expect(error.code).toBe("AIPERF_CONFIG_INVALID");
    expect(error.message).toContain(`${file}:2:3: notify.formater: unknown key "formater". Did you mean "formatter"?`);
  });

  it("a notifier nobody provides fails with the choices and where it was written", async () => {
    const file = configFile("unknown-notifier.yaml", "notify:\n  channels:\n    memory:\n    slak:\n");
    const error = await failure(createNotifyApp({ ...quiet, config: file }));
    expect(error.code).toBe("AIPERF_TYPE_NOT_FOUND");
    expect(error.message).toContain(`${file}:4:5: No notifier named "slak". Available: console, file, memory, slack. Did you mean "slack"?`);
  });
});

describe("__proto__, constructor and prototype keys are refused before anything assigns them", () => {
  const polluted = () => ({}) as Record<string, unknown>;

  it.each([
    ["a --set path", "__proto__.polluted=yes", "--set __proto__.polluted: __proto__.polluted"],
    ["a --set path inside a section", "notify.channels.__proto__.polluted=yes", "--set notify.channels.__proto__.polluted: notify.channels.__proto__.polluted"],
    ["a nested YAML value of --set", "notify={ __proto__: { polluted: yes } }", "--set notify.__proto__: notify.__proto__"],
    [
      "constructor in a --set list value",
      "notify.channels=[{ constructor: { prototype: { polluted: yes } } }]",
      "--set notify.channels.0.constructor: notify.channels.0.constructor",
    ],
  ])("through %s", async (_label, assignment, where) => {
    const error = await failure(createApp(notifyAppOptions({ ...quiet, set: [assignment] })));
    expect(error.code).toBe("AIPERF_CONFIG_INVALID");
    expect(error.message).toContain(`${where}: key "`);
    expect(error.message).toContain("is not allowed in config");
    expect(polluted().polluted).toBeUndefined();
  });

  it("through a YAML file, pointing at the key", async () => {
    const file = configFile("proto.yaml", "notify:\n  channels:\n    __proto__:\n      polluted: yes\n");
    const error = await failure(createNotifyApp({ ...quiet, config: file }));
    expect(error.code).toBe("AIPERF_CONFIG_INVALID");
    expect(error.message).toContain(`${file}:3:5`);
    expect(error.message).toContain('key "__proto__" is not allowed in config');
    expect(polluted().polluted).toBeUndefined();
  });
});
