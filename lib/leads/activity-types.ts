// Activity `type` values for lead changes, so the timeline and reports read one vocabulary.
export const LEAD_ACTIVITY = {
  created: "lead_created",
  updated: "lead_updated", // metadata.changes: { field: { from, to } }
  statusChanged: "lead_status_changed",
  assigned: "lead_assigned",
  tagsChanged: "lead_tags_changed",
  noteAdded: "lead_note_added",
  followUpSet: "lead_follow_up_set",
  merged: "lead_merged", // on the kept lead; metadata.merged_id, metadata.snapshot
  imported: "lead_imported",
  deleted: "lead_deleted",
  restored: "lead_restored",
  exported: "leads_exported",
} as const;
