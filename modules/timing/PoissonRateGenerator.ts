import { APP_CONFIG, type AppConfig, createRng, inject, type RequestRateGenerator, type Rng } from "aiperf";

/** Built-in `poisson`: exponential inter-arrival times, seeded by `timing.seed`. */
export class PoissonRateGenerator implements RequestRateGenerator {
  private readonly rng: Rng;

  constructor(@inject(APP_CONFIG) config: AppConfig) {
    this.rng = createRng(config.timing.seed);
  }

  nextIntervalMs(ratePerSecond: number): number {
    return (-Math.log(1 - this.rng()) / ratePerSecond) * 1000;
  }
}
