import { ContainerModule } from "inversify";
import { LOG_OUTPUT } from "../tokens.js";
import type { LogOutput } from "./LogOutput.js";

/** Binds the run's `LogOutput`, shared by the logger, the host and the UI. */
export function logOutputModule(output: LogOutput): ContainerModule {
  return new ContainerModule(({ bind }) => {
    bind(LOG_OUTPUT).toConstantValue(output);
  });
}
