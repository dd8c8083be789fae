// Lead tags a wholesaling team uses to slice its lists. `dnc` is a system tag: the seller replied
// STOP, so nobody texts or calls them again.
export type TagSeed = { name: string; color: string; description: string; is_system?: boolean };

export const LEAD_TAG_SEEDS: readonly TagSeed[] = [
  { name: "motivated", color: "#ef4444", description: "Seller has a clear reason and timeline to sell" },
  { name: "vacant", color: "#f97316", description: "Nobody lives in the property" },
  { name: "absentee-owner", color: "#f59e0b", description: "Owner's mailing address differs from the property" },
  { name: "probate", color: "#8b5cf6", description: "Property is going through probate" },
  { name: "inherited", color: "#6366f1", description: "Owner inherited the property" },
  { name: "tax-delinquent", color: "#a855f7", description: "Property taxes are past due" },
  { name: "pre-foreclosure", color: "#dc2626", description: "Notice of default or lis pendens filed" },
  { name: "tired-landlord", color: "#0ea5e9", description: "Owner wants out of managing tenants" },
  { name: "needs-repairs", color: "#eab308", description: "Significant repairs needed" },
  { name: "divorce", color: "#ec4899", description: "Sale driven by a divorce" },
  { name: "code-violations", color: "#84cc16", description: "Open code-enforcement cases" },
  { name: "high-equity", color: "#10b981", description: "Little or no mortgage left" },
  { name: "dnc", color: "#64748b", description: "Opted out (replied STOP): do not text or call", is_system: true },
];
