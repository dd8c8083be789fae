// The one table of US states for the whole product (locations, matching, quiet hours, forms).
// Shared with client code: no server imports here.

export interface UsState {
  /** USPS code, upper case ("TX"). */
  code: string;
  name: string;
  /** What a county is called there ("Parish" in Louisiana, "Borough" in Alaska). */
  countyWord: "County" | "Parish" | "Borough" | "Municipio" | "District";
  territory?: true;
}

export const US_STATES: readonly UsState[] = [
  { code: "AL", name: "Alabama", countyWord: "County" },
  { code: "AK", name: "Alaska", countyWord: "Borough" },
  { code: "AZ", name: "Arizona", countyWord: "County" },
  { code: "AR", name: "Arkansas", countyWord: "County" },
  { code: "CA", name: "California", countyWord: "County" },
  { code: "CO", name: "Colorado", countyWord: "County" },
  { code: "CT", name: "Connecticut", countyWord: "County" },
  { code: "DE", name: "Delaware", countyWord: "County" },
  { code: "DC", name: "District of Columbia", countyWord: "County" },
  { code: "FL", name: "Florida", countyWord: "County" },
  { code: "GA", name: "Georgia", countyWord: "County" },
  { code: "HI", name: "Hawaii", countyWord: "County" },
  { code: "ID", name: "Idaho", countyWord: "County" },
  { code: "IL", name: "Illinois", countyWord: "County" },
  { code: "IN", name: "Indiana", countyWord: "County" },
  { code: "IA", name: "Iowa", countyWord: "County" },
  { code: "KS", name: "Kansas", countyWord: "County" },
  { code: "KY", name: "Kentucky", countyWord: "County" },
  { code: "LA", name: "Louisiana", countyWord: "Parish" },
  { code: "ME", name: "Maine", countyWord: "County" },
  { code: "MD", name: "Maryland", countyWord: "County" },
  { code: "MA", name: "Massachusetts", countyWord: "County" },
  { code: "MI", name: "Michigan", countyWord: "County" },
  { code: "MN", name: "Minnesota", countyWord: "County" },
  { code: "MS", name: "Mississippi", countyWord: "County" },
  { code: "MO", name: "Missouri", countyWord: "County" },
  { code: "MT", name: "Montana", countyWord: "County" },
  { code: "NE", name: "Nebraska", countyWord: "County" },
  { code: "NV", name: "Nevada", countyWord: "County" },
  { code: "NH", name: "New Hampshire", countyWord: "County" },
  { code: "NJ", name: "New Jersey", countyWord: "County" },
  { code: "NM", name: "New Mexico", countyWord: "County" },
  { code: "NY", name: "New York", countyWord: "County" },
  { code: "NC", name: "North Carolina", countyWord: "County" },
  { code: "ND", name: "North Dakota", countyWord: "County" },
  { code: "OH", name: "Ohio", countyWord: "County" },
  { code: "OK", name: "Oklahoma", countyWord: "County" },
  { code: "OR", name: "Oregon", countyWord: "County" },
  { code: "PA", name: "Pennsylvania", countyWord: "County" },
  { code: "RI", name: "Rhode Island", countyWord: "County" },
  { code: "SC", name: "South Carolina", countyWord: "County" },
  { code: "SD", name: "South Dakota", countyWord: "County" },
  { code: "TN", name: "Tennessee", countyWord: "County" },
  { code: "TX", name: "Texas", countyWord: "County" },
  { code: "UT", name: "Utah", countyWord: "County" },
  { code: "VT", name: "Vermont", countyWord: "County" },
  { code: "VA", name: "Virginia", countyWord: "County" },
  { code: "WA", name: "Washington", countyWord: "County" },
  { code: "WV", name: "West Virginia", countyWord: "County" },
  { code: "WI", name: "Wisconsin", countyWord: "County" },
  { code: "WY", name: "Wyoming", countyWord: "County" },
  { code: "PR", name: "Puerto Rico", countyWord: "Municipio", territory: true },
  { code: "GU", name: "Guam", countyWord: "District", territory: true },
  { code: "VI", name: "U.S. Virgin Islands", countyWord: "District", territory: true },
  { code: "AS", name: "American Samoa", countyWord: "District", territory: true },
  { code: "MP", name: "Northern Mariana Islands", countyWord: "Municipio", territory: true },
];

/** Lower case, accents and punctuation dropped, single spaces: how names are compared. */
function nameKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[.'’]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

const BY_CODE = new Map(US_STATES.map((s) => [s.code, s]));
const BY_NAME = new Map<string, UsState>();
for (const s of US_STATES) BY_NAME.set(nameKey(s.name), s);
// Common other spellings.
BY_NAME.set("virgin islands", BY_CODE.get("VI")!);
BY_NAME.set("us virgin islands", BY_CODE.get("VI")!);
BY_NAME.set("northern marianas", BY_CODE.get("MP")!);

/** The longest state name, in words: how far back from the end of a text a name can start. */
export const MAX_STATE_NAME_WORDS = Math.max(...[...BY_NAME.keys()].map((k) => k.split(" ").length));

/** A state by its USPS code ("tx", "TX") or its name ("texas", "New  York"); undefined otherwise. */
export function findUsState(text: string): UsState | undefined {
  if (typeof text !== "string") return undefined;
  const trimmed = text.trim();
  if (/^[A-Za-z]{2}\.?$/.test(trimmed)) return BY_CODE.get(trimmed.slice(0, 2).toUpperCase());
  return BY_NAME.get(nameKey(trimmed));
}

/** A state by its USPS code only. */
export function usStateByCode(code: string): UsState | undefined {
  return typeof code === "string" ? BY_CODE.get(code.toUpperCase()) : undefined;
}
