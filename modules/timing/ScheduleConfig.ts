import "reflect-metadata";
import { closestName } from "aiperf";
import { IsIn, IsNumber, Max, Min, type ValidationArguments } from "aiperf/validators";
import { STALL_POLICIES, type StallPolicy } from "./StallPolicy.js";

function policyMessage(args: ValidationArguments): string {
  const close = closestName(String(args.value), STALL_POLICIES);
  return `"stall_policy" must be one of ${STALL_POLICIES.join(", ")}${close ? ` (did you mean "${close}"?)` : ""}`;
}

/** `timing:` keys shared by the scheduled strategies (request_rate, fixed_schedule). */
export class ScheduleConfig {
  /** What to do with sends overdue after an event-loop stall: shift (default), skip or catch_up. */
  @IsIn(STALL_POLICIES, { message: policyMessage })
  stall_policy: StallPolicy = "shift";

  /** A send more than this many ms after its due time counts as late (and triggers the stall policy). */
  @IsNumber()
  @Min(0)
  @Max(60_000)
  late_tolerance_ms = 1;
}
