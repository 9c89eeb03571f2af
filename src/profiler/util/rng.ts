/**
 * A seeded pseudo-random generator returning floats in [0, 1) (mulberry32).
 * @public
 */
export type Rng = () => number;

/**
 * Deterministic for a given seed, so runs with the same `seed` send the same data.
 * @public
 */
export function createRng(seed: number): Rng {
  let a = seed >>> 0 || 0x9e3779b9;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A normally distributed sample (Box-Muller).
 * @public
 */
export function normal(rng: Rng, mean: number, stddev: number): number {
  if (stddev === 0) return mean;
  const u = 1 - rng();
  const v = rng();
  return mean + stddev * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
