import type { Turn } from "aiperf";
import { describe, expect, it } from "vitest";
import { driveSchedule } from "../../dist/modules/timing/driveSchedule.js";
import type { FixedScheduleConfig } from "../../dist/modules/timing/FixedScheduleConfig.js";
import { FixedScheduleStrategy } from "../../dist/modules/timing/FixedScheduleStrategy.js";
import { SendSchedule } from "../../dist/modules/timing/SendSchedule.js";
import type { StallPolicy } from "../../dist/modules/timing/StallPolicy.js";
import { FakeClock, fakeSender } from "./fakeClock.js";

const MS = 1e6;
const every10ms = () => 10 * MS;

/** Six sends 10 ms apart, the second delayed by a 35 ms stall (it wakes at 45 ms instead of 10). */
async function stalled(policy: StallPolicy) {
  const clock = new FakeClock();
  clock.stalls.push(35 * MS);
  const sender = fakeSender(clock, 6);
  const report = await driveSchedule(sender, new SendSchedule(policy, 0, every10ms, 1 * MS), clock);
  return { sends: sender.sends, report, clock };
}

describe("request schedules (fake clock)", () => {
  it("never sends before a request's scheduled time, and on time none is late", async () => {
    const clock = new FakeClock();
    const sender = fakeSender(clock, 5);
    const report = await driveSchedule(sender, new SendSchedule("shift", 0, every10ms, 1 * MS), clock);
    expect(sender.sends.map((s) => s.atNs / MS)).toEqual([0, 10, 20, 30, 40]);
    for (const s of sender.sends) expect(s.atNs).toBeGreaterThanOrEqual(s.scheduledNs as number);
    expect(report).toMatchObject({ sent: 5, late: 0, skipped: 0, shiftedNs: 0 });
  });

  it("shift: after a stall the late send goes at once and the rest keep their spacing, moved by the stall", async () => {
    const { sends, report } = await stalled("shift");
    expect(sends.map((s) => s.atNs / MS)).toEqual([0, 45, 55, 65, 75, 85]);
    expect(sends.map((s) => (s.scheduledNs as number) / MS)).toEqual([0, 10, 55, 65, 75, 85]);
    expect(report).toMatchObject({ sent: 6, late: 1, maxLateNs: 35 * MS, shiftedNs: 35 * MS, skipped: 0 });
  });

  it("skip: after a stall the late send goes at once, the sends whose time passed are dropped", async () => {
    const { sends, report } = await stalled("skip");
    expect(sends.map((s) => s.atNs / MS)).toEqual([0, 45, 50, 60, 70, 80]);
    expect(report).toMatchObject({ sent: 6, late: 1, skipped: 3, shiftedNs: 0 });
  });

  it("catch_up: after a stall every overdue send goes at once, back to back, and each counts as late", async () => {
    const { sends, report } = await stalled("catch_up");
    expect(sends.map((s) => s.atNs / MS)).toEqual([0, 45, 45, 45, 45, 50]);
    expect(sends.map((s) => (s.scheduledNs as number) / MS)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(report).toMatchObject({ sent: 6, late: 4, maxLateNs: 35 * MS, lateTotalNs: (35 + 25 + 15 + 5) * MS });
  });

  it("a loop that has fallen behind yields to the event loop instead of sending everything in one go", async () => {
    const clock = new FakeClock();
    clock.stalls.push(500 * MS);
    // 1 ms apart, each send costing 0.1 ms of the loop's own time: catching up 500 sends takes 50 ms.
    const sender = fakeSender(clock, 600, 0.1 * MS);
    await driveSchedule(sender, new SendSchedule("catch_up", 0, () => 1 * MS, 1 * MS), clock);
    expect(clock.yields).toBeGreaterThanOrEqual(40);
  });

  it("a send within the tolerance is on time and moves nothing", async () => {
    const clock = new FakeClock();
    clock.stalls.push(0.5 * MS);
    const sender = fakeSender(clock, 3);
    const report = await driveSchedule(sender, new SendSchedule("shift", 0, every10ms, 1 * MS), clock);
    expect(sender.sends.map((s) => s.atNs / MS)).toEqual([0, 10.5, 20]);
    expect(report).toMatchObject({ late: 0, shiftedNs: 0 });
  });
});

describe("trace replay schedule (fake clock)", () => {
  const turns = [0, 10, 20, 30, 40].map((t) => ({ id: `t${t}`, timestampMs: t, inputTokens: 1 }) as Turn);

  async function replay(policy: StallPolicy) {
    const clock = new FakeClock();
    clock.stalls.push(25 * MS);
    const strategy = new FixedScheduleStrategy({ time_scale: 1, start_at_zero: true, stall_policy: policy, late_tolerance_ms: 1 } as FixedScheduleConfig, {
      debug() {},
      info() {},
      warn() {},
      error() {},
    });
    strategy.clock = clock;
    const sender = fakeSender(clock, 100, 0, turns);
    await strategy.run(sender);
    return sender.sends.map((s) => `${s.turn?.id}@${s.atNs / MS}`);
  }

  it("shift replays every turn, the rest of the trace moved by the stall", async () => {
    expect(await replay("shift")).toEqual(["t0@0", "t10@35", "t20@45", "t30@55", "t40@65"]);
  });

  it("skip drops the turns whose time passed during the stall", async () => {
    expect(await replay("skip")).toEqual(["t0@0", "t10@35", "t40@40"]);
  });

  it("catch_up sends the overdue turns at once, then keeps to the trace", async () => {
    expect(await replay("catch_up")).toEqual(["t0@0", "t10@35", "t20@35", "t30@35", "t40@40"]);
  });
});
