import { readFileSync } from "node:fs";
import path from "node:path";
import { EventHandler, silentLogger } from "aiperf/kernel";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../helpers/fixtures.js";
import { createNotifyApp, NOTIFICATIONS } from "./notify-service/src/index.js";

const dir = tempDir("notify-life");
afterAll(() => removeDir(dir));
const stateDir = path.join(dir, "state");
const quiet = { logger: silentLogger, noCache: true, stateDir } as const;
const withSlack = {
  notify: { formatter: "plain", channels: { slack: { channel: "#ops" } } },
  plugins: { settings: { "plugin.notify-slack": { workspace: "acme" } } },
};
const loaded = () => (globalThis as { notifySlackLifecycleLoaded?: boolean }).notifySlackLifecycleLoaded === true;

describe("a non-profiler service starts, checks and stops its plugins with the kernel alone", () => {
  it("a plugin nothing selects is neither started nor imported", async () => {
    const app = await createNotifyApp({ ...quiet, config: { notify: { channels: { memory: null } } } });
    expect(await app.start()).toEqual({ started: [], failed: [], skipped: [] });
    expect(await app.health()).toEqual({ status: "ok", plugins: {} });
    await app.dispose();
    expect(loaded()).toBe(false);
  });

  it("start, events, health and dispose: the selected plugin's connection opens, the handler declared for notification.sent counts the send, health is ok, the connection closes, its state kept", async () => {
    const app = await createNotifyApp({ ...quiet, config: withSlack });
    expect((await app.start()).started).toEqual(["notify-slack"]);
    await (await app.get(NOTIFICATIONS)).send({ title: "Deploy", body: "v2 is live" });
    const counter = (await app.get(EventHandler, "sent_counter")) as unknown as { count: number; titles: string[] };
    expect(counter).toMatchObject({ count: 1, titles: ["Deploy"] });
    expect(await app.health()).toMatchObject({ status: "ok", plugins: { "notify-slack": { status: "ok", detail: "connected to acme" } } });
    await app.dispose();
    expect(JSON.parse(readFileSync(path.join(stateDir, "notify-slack.json"), "utf8"))).toEqual({ connections: 1 });

    // The next run of the service reads the state the first one saved.
    await using again = await createNotifyApp({ ...quiet, config: withSlack });
    await again.start();
    await again.dispose();
    expect(JSON.parse(readFileSync(path.join(stateDir, "notify-slack.json"), "utf8"))).toEqual({ connections: 2 });
  });
});
