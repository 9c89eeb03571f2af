import { ContainerModule } from "inversify";
import { PhaseOrchestrator } from "./PhaseOrchestrator.js";

/** The profiler's own services in a profiler app: a fresh orchestrator for each run. */
export function phaseOrchestratorModule(): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(PhaseOrchestrator).toSelf().inTransientScope();
  });
}
