// Preferred locations as a form or an import sends them, turned into location keys.
// TEMPORARY until lib/buyers/locations.ts (the matching helper's parser) is on main: only
// well-formed keys are accepted. Then this delegates to parseLocationList.
import { LOCATION_KEY } from "./list/list-query";

export function normaliseLocationEntries(entries: readonly string[]): { keys: string[]; errors: { input: string; error: string }[] } {
  const keys: string[] = [];
  const errors: { input: string; error: string }[] = [];
  for (const raw of entries) {
    const v = raw.trim().toLowerCase();
    if (!v) continue;
    if (LOCATION_KEY.test(v)) {
      if (!keys.includes(v)) keys.push(v);
    } else errors.push({ input: raw.slice(0, 40), error: "is not a ZIP, city and state, county and state, or state" });
  }
  return { keys, errors };
}

export function locationLabel(key: string): string {
  return key;
}
