import type { StartReport } from "./PluginLifecycle.js";
import type { StartNode } from "./planPluginStart.js";

/**
 * Starts every node once all its dependencies started: independent plugins concurrently, a
 * plugin whose dependency failed or was skipped is skipped itself. `initialize` returns false for
 * a plugin with nothing to initialize (no lifecycle class): it counts as started but is not listed.
 */
export async function runStart(nodes: readonly StartNode[], initialize: (node: StartNode) => Promise<boolean>): Promise<StartReport> {
  const report: StartReport = { started: [], failed: [], skipped: [] };
  const byKey = new Map(nodes.map((n) => [n.key, n]));
  const running = new Map<string, Promise<boolean>>();
  const run = (node: StartNode): Promise<boolean> => {
    let pending = running.get(node.key);
    if (!pending) {
      pending = startOne(node);
      running.set(node.key, pending);
    }
    return pending;
  };
  const startOne = async (node: StartNode): Promise<boolean> => {
    const ok = await Promise.all(node.deps.map((d) => run(byKey.get(d) as StartNode)));
    const blocked = node.deps.filter((_, i) => !ok[i]).map((d) => byKey.get(d)?.plugin.name ?? d);
    if (blocked.length > 0) {
      if (node.plugin.lifecycle) report.skipped.push({ plugin: node.plugin.name, because: `its dependency ${blocked.join(", ")} did not start` });
      return false;
    }
    try {
      if (await initialize(node)) report.started.push(node.plugin.name);
      return true;
    } catch (error) {
      report.failed.push({ plugin: node.plugin.name, cause: error instanceof Error ? error.message : String(error) });
      return false;
    }
  };
  await Promise.all(nodes.map(run));
  return report;
}
