// Display labels of the buyer enums (shared with client code).
import type { PropertyType } from "@/models/property-types";

export const PROPERTY_TYPE_LABELS: Record<PropertyType, string> = {
  single_family: "Single family",
  multi_family: "Multi-family",
  condo: "Condo",
  townhouse: "Townhouse",
  mobile_home: "Mobile home",
  commercial: "Commercial",
  land: "Land",
  other: "Other",
};

export const FUNDING_LABELS: Record<string, string> = { cash: "Cash", conventional: "Conventional", hard_money: "Hard money", private_money: "Private money" };
export const CREDIT_LABELS: Record<string, string> = { excellent: "Excellent", good: "Good", fair: "Fair", poor: "Poor" };
export const EXPERIENCE_LABELS: Record<string, string> = { beginner: "Beginner", intermediate: "Intermediate", advanced: "Advanced" };

export const label = (map: Record<string, string>, v: string | undefined | null) => (v ? (map[v] ?? v) : "");
