// Which status a deal may move to, and the status its lead keeps in step with. Pure.
import type { LeadStatus } from "@/models/lead-enums";
import type { DealStatus } from "@/models/deal-enums";

/** pending → under contract → closed; either open status may be cancelled; a cancelled deal may be reopened. */
export const DEAL_TRANSITIONS: Record<DealStatus, readonly DealStatus[]> = {
  pending: ["under_contract", "cancelled"],
  under_contract: ["closed", "cancelled", "pending"],
  closed: [],
  cancelled: ["pending"],
};

export function canMoveDeal(from: DealStatus, to: DealStatus): boolean {
  return DEAL_TRANSITIONS[from].includes(to);
}

/**
 * The lead follows its deal: while a deal is open the lead is under contract, a closed deal closes
 * it, and a cancelled deal sends it back to the acquisition pipeline as contacted.
 */
export function leadStatusForDeal(status: DealStatus): LeadStatus {
  switch (status) {
    case "pending":
    case "under_contract":
      return "under_contract";
    case "closed":
      return "closed";
    case "cancelled":
      return "contacted";
  }
}
