// Preferred locations as a form or an import sends them (typed entries, or cells holding several:
// "Dallas; Fort Worth"), turned into location keys by lib/buyers/locations.ts.
import { labelOfLocationKey, parseLocationList } from "./locations";

export function normaliseLocationEntries(entries: readonly string[]): { keys: string[]; errors: { input: string; error: string }[] } {
  return parseLocationList([...entries]);
}

export const locationLabel = labelOfLocationKey;
