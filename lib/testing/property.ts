// Shared setup of the consistency (property) tests: which seeds and how many rounds to run, and a
// seeded random source. The same seed gives the same rounds on every run and machine, so a failure
// is reproduced with PROPERTY_SEED=<n> (and made longer with PROPERTY_ROUNDS=<n>).
import { createRng } from "@/lib/seed/random";

/** The seeds to run: PROPERTY_SEED alone when set, else the test's defaults. */
export function propertySeeds(defaults: readonly number[]): number[] {
  return process.env.PROPERTY_SEED ? [Number(process.env.PROPERTY_SEED)] : [...defaults];
}

/** Rounds per seed: PROPERTY_ROUNDS when set, else the test's default. */
export function propertyRounds(fallback: number): number {
  return Number(process.env.PROPERTY_ROUNDS ?? fallback);
}

/** A seeded source (mulberry32, as lib/seed/random.ts): `random()` in [0, 1) and `pick` one of a list. */
export function seededRandom(seed: number) {
  const rng = createRng(seed);
  return { random: rng.next, pick: rng.pick };
}
