// Preferred locations as a form or an import sends them (typed entries, or cells holding several:
// "Dallas; Fort Worth"), turned into location keys by lib/buyers/locations.ts. An entry that is
// already a well-formed key (the form sends back the ones it shows) is kept as it is.
import { isLocationKey, labelOfLocationKey, MAX_LOCATIONS, parseLocationList } from "./locations";

export function normaliseLocationEntries(entries: readonly string[]): { keys: string[]; errors: { input: string; error: string }[] } {
  const keys: string[] = [];
  const typed: string[] = [];
  for (const e of entries) {
    if (isLocationKey(e)) {
      if (!keys.includes(e)) keys.push(e);
    } else typed.push(e);
  }
  const parsed = parseLocationList(typed);
  for (const k of parsed.keys) if (!keys.includes(k)) keys.push(k);
  const errors = [...parsed.errors];
  if (keys.length > MAX_LOCATIONS && !errors.some((e) => e.error.includes(String(MAX_LOCATIONS)))) errors.push({ input: "", error: `at most ${MAX_LOCATIONS} preferred locations` });
  return { keys, errors };
}

export const locationLabel = labelOfLocationKey;
