// Role names for people (client-safe: no model imports).
import type { Role } from "@/lib/core/db/tenant-context";

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Admin",
  acquisition_rep: "Acquisition rep",
  disposition_manager: "Disposition manager",
};

/** The role in a sentence, with its article: "You are an acquisition rep". */
export const ROLE_WITH_ARTICLE: Record<Role, string> = {
  admin: "an admin",
  acquisition_rep: "an acquisition rep",
  disposition_manager: "a disposition manager",
};

/** What each role may do, in words, for the invite and profile pages. */
export const ROLE_SUMMARIES: Record<Role, string> = {
  admin: "Everything: leads, buyers, deals, team, workspace settings and billing.",
  acquisition_rep: "Works the seller leads assigned to them: calls, texts, notes, follow-ups and imports. No buyers, deals, team or settings.",
  disposition_manager: "Reads every lead; keeps the cash-buyer list, matches properties to buyers and closes deals. No team or settings.",
};
