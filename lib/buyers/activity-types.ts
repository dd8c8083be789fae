// Activity types of the buyer module (the timeline and the activity log read them).
export const BUYER_ACTIVITY = {
  created: "buyer_created",
  updated: "buyer_updated",
  buyBoxChanged: "buyer_buy_box_changed",
  tagged: "buyer_tags_changed",
  activated: "buyer_activated",
  deactivated: "buyer_deactivated",
  verified: "buyer_verified",
  deleted: "buyer_deleted",
  restored: "buyer_restored",
  imported: "buyer_imported",
} as const;
