import path from "node:path";
import { PhaseHook } from "aiperf";
import { createTestApp } from "aiperf/testing";
import * as inversify822 from "inversify-host";
import * as inversify800 from "inversify-oldest";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir, writeFiles } from "../helpers/fixtures.js";

const DATABASE = Symbol.for("test.host_copy.database");
const URL = Symbol.for("test.host_copy.url");
const ASYNC_CLOCK = Symbol.for("test.host_copy.async_clock");

const dir = tempDir("host-copy");
writeFiles(path.join(dir, "plugins", "p"), {
  "registry.yaml": "plugin: { name: p }\nphase_hook:\n  needs_database:\n    class: ./hook.js:NeedsDatabase\n",
  "hook.js": `import { inject } from "aiperf";
export class NeedsDatabase {
  constructor(db, clock) { this.db = db; this.clock = clock; }
  async onPhaseStart() {}
}
inject(Symbol.for("test.host_copy.database"))(NeedsDatabase, undefined, 0);
inject(Symbol.for("test.host_copy.async_clock"))(NeedsDatabase, undefined, 1);
`,
});
const base = { root: dir, builtin: false, noCache: true, config: { plugins: { phase_hooks: ["needs_database"] } } };

type Inversify = typeof inversify822 | typeof inversify800;

/** A host written against its own copy of inversify: its class is decorated and built by that copy. */
function hostContainer(copy: Inversify) {
  class Database {
    constructor(readonly url: string) {}
  }
  copy.inject(URL)(Database, undefined, 0);
  const host = new copy.Container();
  host.bind(URL).toConstantValue("postgres://host");
  host.bind(DATABASE).to(Database).inSingletonScope();
  host
    .bind(ASYNC_CLOCK)
    .toDynamicValue(async () => ({ now: 42 }))
    .inSingletonScope();
  return host;
}

afterAll(() => removeDir(dir));

describe.each([
  ["8.2.2", inversify822],
  ["8.0.0", inversify800],
])("a host whose inversify is another copy (%s)", (_version, copy) => {
  it("is accepted as parent: plugins inject its services, and the app resolves them as the host does", async () => {
    const host = hostContainer(copy);
    const app = await createTestApp({ ...base, parent: host });
    const [hook] = (await app.getAll(PhaseHook)) as unknown as { db: { url: string }; clock: { now: number } }[];
    expect(hook?.db.url).toBe("postgres://host");
    expect(hook?.db).toBe(host.get(DATABASE));
    expect(hook?.clock.now).toBe(42);
    expect(await app.get(DATABASE)).toBe(host.get(DATABASE));
    expect(app.container.get(DATABASE)).toBe(host.get(DATABASE));
    expect(await app.get(ASYNC_CLOCK)).toBe(await host.getAsync(ASYNC_CLOCK));
    await app.dispose();
    expect(host.get<{ url: string }>(DATABASE).url).toBe("postgres://host");
  });

  it("keeps an app's override out of the host's services", async () => {
    const host = hostContainer(copy);
    const app = await createTestApp({ ...base, parent: host, overrides: [{ token: URL, useValue: "sqlite://test" }] });
    expect(await app.get(URL)).toBe("sqlite://test");
    expect((await app.get<{ url: string }>(DATABASE)).url).toBe("postgres://host");
    await app.dispose();
    expect(host.get<{ url: string }>(DATABASE).url).toBe("postgres://host");
  });
});
