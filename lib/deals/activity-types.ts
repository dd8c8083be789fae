// Activity `type` values for deal changes. Recorded by the deal writers themselves, as the lead
// writers do, until the activity log follows domain events for deals too (issue 9).
export const DEAL_ACTIVITY = {
  created: "deal_created",
  updated: "deal_updated", // metadata.changes: { field: { from, to } }
  statusChanged: "deal_status_changed",
  closed: "deal_closed",
  cancelled: "deal_cancelled",
  buyerAssigned: "deal_buyer_assigned",
  analyzed: "deal_analyzed",
  deleted: "deal_deleted", // metadata: what the deal was (status, type, buyer, prices, lead_id)
} as const;
