import { messageOf } from "../util/messageOf.js";
import { monotonicNs } from "../util/monotonicNs.js";
import { boundPluginCall } from "./boundPluginCall.js";
import type { HealthCheck, HealthReport, HealthStatus, PluginHealth, PluginLifecycle, StartReport } from "./PluginLifecycle.js";

const RANK: Record<HealthStatus, number> = { ok: 0, degraded: 1, down: 2 };

/**
 * Asks every started plugin concurrently, each bounded by `timeoutMs`; a check that throws, times
 * out or answers nonsense is `down`. Plugins that failed or were skipped at start are `down` with
 * why. The overall status is the worst.
 */
export async function checkHealth(
  started: readonly { name: string; instance: PluginLifecycle }[],
  report: StartReport | undefined,
  timeoutMs: number,
): Promise<HealthReport> {
  const plugins: Record<string, PluginHealth> = {};
  const checks = await Promise.all(started.map(async ({ name, instance }) => [name, await checkOne(name, instance, timeoutMs)] as const));
  for (const [name, health] of checks) plugins[name] = health;
  for (const f of report?.failed ?? []) plugins[f.plugin] = { status: "down", detail: `failed to start: ${f.cause}`, ms: 0 };
  for (const s of report?.skipped ?? []) plugins[s.plugin] = { status: "down", detail: `not started: ${s.because}`, ms: 0 };
  let status: HealthStatus = "ok";
  for (const p of Object.values(plugins)) if (RANK[p.status] > RANK[status]) status = p.status;
  return { status, plugins };
}

async function checkOne(name: string, instance: PluginLifecycle, timeoutMs: number): Promise<PluginHealth> {
  const health = instance.health?.bind(instance);
  const began = monotonicNs();
  const ms = () => Math.round((monotonicNs() - began) / 1e6);
  if (!health) return { status: "ok", ms: 0 };
  try {
    const answer = normalize(await boundPluginCall(health, timeoutMs, `health() of plugin "${name}"`));
    return { ...answer, ms: ms() };
  } catch (error) {
    return { status: "down", detail: messageOf(error), ms: ms() };
  }
}

function normalize(answer: HealthCheck): { status: HealthStatus; detail?: string } {
  const status = typeof answer === "string" ? answer : answer?.status;
  if (status !== "ok" && status !== "degraded" && status !== "down") return { status: "down", detail: "health() returned no valid status" };
  const detail = typeof answer === "object" ? answer.detail : undefined;
  return detail === undefined ? { status } : { status, detail };
}
