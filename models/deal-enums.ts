// Deal enums shared with client code (forms, filters, board): no mongoose import here.
export const DEAL_STATUSES = ["pending", "under_contract", "closed", "cancelled"] as const;
export const DEAL_TYPES = ["wholesale", "flip", "buy_and_hold"] as const;

export type DealStatus = (typeof DEAL_STATUSES)[number];
export type DealType = (typeof DEAL_TYPES)[number];

export const DEAL_STATUS_LABELS: Record<DealStatus, string> = { pending: "Pending", under_contract: "Under contract", closed: "Closed", cancelled: "Cancelled" };
export const DEAL_TYPE_LABELS: Record<DealType, string> = { wholesale: "Wholesale", flip: "Flip", buy_and_hold: "Buy and hold" };

export const DEAL_DOCUMENT_TYPES = ["contract", "photo", "proof_of_funds", "other"] as const;
export type DealDocumentType = (typeof DEAL_DOCUMENT_TYPES)[number];
export const DEAL_DOCUMENT_TYPE_LABELS: Record<DealDocumentType, string> = { contract: "Contract", photo: "Photo", proof_of_funds: "Proof of funds", other: "Other" };
