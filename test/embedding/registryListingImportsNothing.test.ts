import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/fixtures.js";
import { filesOf, runRecordingLoads } from "./loadedModules.js";

const serviceDir = path.join(repoRoot, "test", "embedding", "notify-service");
// Every implementation and config class the service and its plugin register.
const implementationDirs = [
  path.join(serviceDir, "src", "formatters"),
  path.join(serviceDir, "src", "notifiers"),
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
    expect(listed).toEqual(["formatter.plain", "formatter.markdown", "notifier.console", "notifier.memory", "notifier.file", "notifier.slack"]);
    expect(filesOf(loadedAfterListing).filter(isImplementation)).toEqual([]);
    expect(files.filter(isImplementation)).toEqual([path.join(serviceDir, "src", "formatters", "MarkdownFormatter.js")]);
  });
});
