import { readFileSync } from "node:fs";
import path from "node:path";
import { type App, createApp, entryOf, silentLogger } from "aiperf/kernel";
import { createTestApp } from "aiperf/kernel/testing";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { createNotifyApp, Formatter, NOTIFICATIONS, Notifier, type NotifyConfig, notifyAppOptions, SERVICE_ROOT } from "./notify-service/src/index.js";

const dir = tempDir("notify");
const apps: App<NotifyConfig>[] = [];
async function track(app: Promise<App<NotifyConfig>>): Promise<App<NotifyConfig>> {
  apps.push(await app);
  return apps[apps.length - 1] as App<NotifyConfig>;
}
const quiet = { logger: silentLogger, noCache: true } as const;
const message = { title: "Deploy", body: "v2 is live" };

afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});
afterAll(() => removeDir(dir));

describe("a non-profiler service built on aiperf/kernel", () => {
  it("service.yaml selects the markdown formatter and two notifiers, in order, and a notification reaches both", async () => {
    const log = path.join(dir, "sent.log");
    // service.yaml as written, with the file notifier writing outside the fixture.
    const app = await track(createNotifyApp({ ...quiet, set: [`notify.channels.file.path=${log}`] }));
    expect(app.config.notify.formatter).toBe("markdown");
    expect(entryOf(await app.get(Formatter))?.name).toBe("markdown");
    const notifiers = await app.getAll(Notifier);
    expect(notifiers.map((n) => entryOf(n)?.name)).toEqual(["memory", "file"]);

    const text = await (await app.get(NOTIFICATIONS)).send(message);
    expect(text).toBe("**Deploy**\n\nv2 is live");
    expect((notifiers[0] as unknown as { sent: string[] }).sent).toEqual([text]);
    expect(readFileSync(log, "utf8")).toBe(`${text}\n\n`);
  });

  it("knows only the service's protocols and the kernel's event_handler: no endpoint nor any other profiler protocol", async () => {
    const app = await track(createNotifyApp(quiet));
    expect(
      app.registry
        .protocols()
        .map((p) => p.name)
        .sort(),
    ).toEqual(["event_handler", "formatter", "notifier"]);
    expect(() => app.registry.protocol("endpoint")).toThrow(expect.objectContaining({ code: "AIPERF_UNKNOWN_PROTOCOL" }));
    expect(app.container.isBound(Symbol.for("aiperf.protocol.endpoint"))).toBe(false);
    expect(app.registry.plugins().map((p) => p.name)).toEqual(["builtin", "notify-slack"]);
  });

  it("a dependency marked with the service's manifest field adds its notifier, configured in the service's own keys", async () => {
    const config = { notify: { formatter: "plain", channels: { memory: null, slack: { channel: "#ops" } } } };
    const app = await track(createNotifyApp({ ...quiet, config }));
    const slack = app.registry.plugins().find((p) => p.name === "notify-slack");
    expect(slack?.origin).toBe("package");
    expect(slack?.root).toBe(path.join(SERVICE_ROOT, "node_modules", "notify-slack"));

    await (await app.get(NOTIFICATIONS)).send(message);
    const posted = (await app.get(Notifier, "slack")) as unknown as { posted: unknown[] };
    expect(posted.posted).toEqual([{ channel: "#ops", text: "Deploy: v2 is live" }]);

    // The plugin's own config class checks its block, pointing at the service's key.
    const bad = await track(createNotifyApp({ ...quiet, config: { notify: { channels: { slack: { channel: "ops" } } } } }));
    await expect(bad.checkConfig()).rejects.toMatchObject({ code: "AIPERF_CONFIG_INVALID", message: expect.stringContaining("notify.channels.slack.channel") });
  });

  it("a host with another manifest field does not see that package", async () => {
    const app = await track(createApp(notifyAppOptions({ ...quiet, manifestField: "aiperf" })));
    expect(app.registry.has("notifier", "slack")).toBe(false);
    expect(app.registry.plugins().map((p) => p.name)).toEqual(["builtin"]);
  });

  it("createTestApp from aiperf/kernel/testing replaces the formatter for that app only", async () => {
    const config = { notify: { formatter: "markdown", channels: { memory: null } } };
    const stub = { format: (m: { title: string }) => `TEST ${m.title}` };
    const app = await track(createTestApp(notifyAppOptions({ config, overrides: [{ token: Formatter, useValue: stub }] })));
    expect(await (await app.get(NOTIFICATIONS)).send(message)).toBe("TEST Deploy");
    const memory = (await app.get(Notifier, "memory")) as unknown as { sent: string[] };
    expect(memory.sent).toEqual(["TEST Deploy"]);

    const other = await track(createTestApp(notifyAppOptions({ config })));
    expect(await (await other.get(NOTIFICATIONS)).send(message)).toBe("**Deploy**\n\nv2 is live");
  });
});
