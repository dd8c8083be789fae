// Shared with client code (forms, filters): no mongoose import here.
export const PROPERTY_TYPES = [
  "single_family",
  "multi_family",
  "condo",
  "townhouse",
  "mobile_home",
  "commercial",
  "land",
  "other",
] as const;

export type PropertyType = (typeof PROPERTY_TYPES)[number];
