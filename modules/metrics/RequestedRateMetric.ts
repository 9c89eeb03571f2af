import { type AggregateMetric, inject, LOADED_CONFIG, type LoadedConfig } from "aiperf";
import { scheduleSettings } from "./scheduleSettings.js";

/** Built-in `requested_rate`: the request rate asked for (`timing.rate`; request_rate only). */
export class RequestedRateMetric implements AggregateMetric {
  readonly kind = "aggregate";
  readonly tag = "requested_rate";
  readonly header = "Requested rate";
  readonly unit = "requests/s";
  private readonly rate: number | undefined;

  constructor(@inject(LOADED_CONFIG) loaded: LoadedConfig) {
    this.rate = scheduleSettings(loaded).rate;
  }

  compute(): number | undefined {
    return this.rate;
  }
}
