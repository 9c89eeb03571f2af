import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";
import { filesOf, runRecordingLoads } from "./loadedModules.js";

const serviceDir = path.join(repoRoot, "test", "embedding", "notify-service");
// Every implementation and config class the service and its plugin register.
const implementationDirs = [
  path.join(serviceDir, "src", "formatters"),
  path.join(serviceDir, "src", "notifiers"),
  path.join(serviceDir, "src", "handlers"),
  path.join(serviceDir, "node_modules", "notify-slack"),
];
const isImplementation = (file: string) => implementationDirs.some((dir) => file.startsWith(`${dir}${path.sep}`));

describe("the notify service's registry is metadata only", () => {
  it("building the app and listing every implementation imports none of them; the first get imports only the selected one", () => {
    // A fresh process, so no earlier test has imported anything.
    const { files, stdout } = runRecordingLoads(
      `import { readFileSync } from "node:fs";
       import { silentLogger } from "aiperf/kernel";
       import { createNotifyApp, Formatter } from "./src/index.js";
       const app = await createNotifyApp({ logger: silentLogger, noCache: true });
       const listed = app.registry.list().map((e) => e.protocol + "." + e.name);
       const loadedAfterListing = readFileSync(process.env.RECORD_LOADS, "utf8").split("\\n").filter(Boolean);
       await app.get(Formatter);
       await app.dispose();
       console.log(JSON.stringify({ listed, loadedAfterListing }));`,
      serviceDir,
    );
    const { listed, loadedAfterListing } = JSON.parse(stdout) as { listed: string[]; loadedAfterListing: string[] };
    expect(listed).toEqual([
      "formatter.plain",
      "formatter.markdown",
      "notifier.console",
      "notifier.memory",
      "notifier.file",
      "event_handler.sent_counter",
      "notifier.slack",
    ]);
    expect(filesOf(loadedAfterListing).filter(isImplementation)).toEqual([]);
    expect(files.filter(isImplementation)).toEqual([path.join(serviceDir, "src", "formatters", "MarkdownFormatter.js")]);
  });

  it("a declared event handler is imported when its event is first published, not before", () => {
    const { stdout } = runRecordingLoads(
      `import { readFileSync } from "node:fs";
       import { EventHandler, silentLogger } from "aiperf/kernel";
       import { createNotifyApp, NOTIFICATIONS } from "./src/index.js";
       const loaded = () => readFileSync(process.env.RECORD_LOADS, "utf8").split("\\n").filter(Boolean);
       const app = await createNotifyApp({ logger: silentLogger, noCache: true, set: ["notify.channels={memory: null}"] });
       const service = await app.get(NOTIFICATIONS);
       const beforeSend = loaded();
       await service.send({ title: "one", body: "1" });
       const afterSend = loaded();
       await service.send({ title: "two", body: "2" });
       const counter = await app.get(EventHandler, "sent_counter");
       await app.dispose();
       console.log(JSON.stringify({ beforeSend, afterSend, count: counter.count, titles: counter.titles }));`,
      serviceDir,
    );
    const result = JSON.parse(stdout) as { beforeSend: string[]; afterSend: string[]; count: number; titles: string[] };
    const counter = path.join(serviceDir, "src", "handlers", "SentCounter.js");
    expect(filesOf(result.beforeSend)).not.toContain(counter);
    expect(filesOf(result.afterSend)).toContain(counter);
    expect(result).toMatchObject({ count: 2, titles: ["one", "two"] });
  });
});
