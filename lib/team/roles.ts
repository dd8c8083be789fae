// Role names for people (client-safe: no model imports).
import type { Role } from "@/lib/db/tenant-context";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  acquisition_rep: "Acquisition rep",
  disposition_manager: "Disposition manager",
};

/** What each role may do, in words, for the invite and profile pages. */
export const ROLE_SUMMARIES: Record<Role, string> = {
  admin: "Everything: leads, buyers, deals, team, workspace settings and billing.",
  acquisition_rep: "Works the seller leads assigned to them: calls, texts, notes, follow-ups and imports. No buyers, deals, team or settings.",
  disposition_manager: "Keeps the cash-buyer list, matches properties to buyers and closes deals; reads every lead. No team or settings.",
};
