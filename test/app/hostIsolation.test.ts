import path from "node:path";
import { Container, inject, LOGGER, type Logger, PhaseHook } from "aiperf";
import { createTestApp } from "aiperf/testing";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const SINK = Symbol.for("test.host_isolation.sink");

const dir = tempDir("host-isolation");
writeFiles(path.join(dir, "plugins", "p"), {
  "registry.yaml": "plugin: { name: p }\nphase_hook:\n  uses_sink:\n    class: ./hook.js:UsesSink\n",
  "hook.js": `import { inject } from "aiperf";
export class UsesSink {
  constructor(sink) { this.sink = sink; }
  async onPhaseStart() {}
}
inject(Symbol.for("test.host_isolation.sink"))(UsesSink, undefined, 0);
`,
});
const base = { root: dir, builtin: false, noCache: true, config: { plugins: { phase_hooks: ["uses_sink"] } } };

// Decorators applied as calls: the test transformer does not compile parameter decorators.
class ReportService {
  constructor(readonly sink: string) {}
}
inject(SINK)(ReportService, undefined, 0);

class NeedsLogger {
  constructor(readonly logger: unknown) {}
}
inject(LOGGER)(NeedsLogger, undefined, 0);

function hostWithReport(): Container {
  const host = new Container();
  host.bind(SINK).toConstantValue("host");
  host.bind(ReportService).toSelf().inSingletonScope();
  return host;
}

async function hookSink(app: { getAll(p: typeof PhaseHook): Promise<unknown[]> }): Promise<unknown> {
  const [hook] = (await app.getAll(PhaseHook)) as unknown as { sink: unknown }[];
  return hook?.sink;
}

describe("a host's services are built by the host, never from an app", () => {
  afterAll(() => removeDir(dir));

  it("a host singleton first resolved through a test app with an override keeps the host's dependency after dispose", async () => {
    const host = hostWithReport();
    const app = await createTestApp({ ...base, parent: host, overrides: [{ token: SINK, useValue: "test" }] });
    expect(await hookSink(app)).toBe("test");
    expect((await app.get(ReportService)).sink).toBe("host");
    await app.dispose();
    expect(host.get(ReportService).sink).toBe("host");
  });

  it("the host resolves the same singleton before, through, and after an app", async () => {
    const host = hostWithReport();
    const before = host.get(ReportService);
    const app = await createTestApp({ ...base, parent: host, overrides: [{ token: SINK, useValue: "test" }] });
    expect(await app.get(ReportService)).toBe(before);
    expect(app.container.get(ReportService)).toBe(before);
    await app.dispose();
    expect(host.get(ReportService)).toBe(before);
    expect(host.get(SINK)).toBe("host");
  });

  it("two apps with different overrides on one host do not see each other's", async () => {
    const host = hostWithReport();
    const a = await createTestApp({ ...base, parent: host, overrides: [{ token: SINK, useValue: "a" }] });
    const b = await createTestApp({ ...base, parent: host, overrides: [{ token: SINK, useValue: "b" }] });
    expect(await hookSink(a)).toBe("a");
    expect(await hookSink(b)).toBe("b");
    expect((await a.get(ReportService)).sink).toBe("host");
    expect((await b.get(ReportService)).sink).toBe("host");
    await a.dispose();
    expect(await hookSink(b)).toBe("b");
    await b.dispose();
    expect(host.get(SINK)).toBe("host");
  });

  it("a host singleton that needs something only the app binds is refused, and nothing of the app stays in the host", async () => {
    const host = new Container();
    host.bind(NeedsLogger).toSelf().inSingletonScope();
    const app = await createTestApp({ ...base, parent: host });
    await expect(app.get(NeedsLogger)).rejects.toThrow(/aiperf\.logger/);
    await app.dispose();
    host.bind(LOGGER).toConstantValue("host logger" as unknown as Logger);
    expect(host.get(NeedsLogger).logger).toBe("host logger");
  });

  it("named and tagged requests reach the host's named and tagged bindings", async () => {
    const host = new Container();
    host.bind(SINK).toConstantValue("first").whenNamed("first");
    host.bind(SINK).toConstantValue("tagged").whenTagged("kind", "special");
    const app = await createTestApp({ ...base, parent: host, config: {} });
    expect(await app.get(SINK, "first")).toBe("first");
    expect(app.container.get(SINK, { tag: { key: "kind", value: "special" } })).toBe("tagged");
    expect(app.container.isBound(SINK)).toBe(false);
    await app.dispose();
  });

  it("plugins see the host's services; the host sees none of the app's bindings", async () => {
    const host = new Container();
    host.bind(SINK).toConstantValue("host");
    const app = await createTestApp({ ...base, parent: host });
    expect(await hookSink(app)).toBe("host");
    expect(host.isBound(PhaseHook.token)).toBe(false);
    expect(host.isBound(LOGGER)).toBe(false);
    await app.dispose();
  });
});
