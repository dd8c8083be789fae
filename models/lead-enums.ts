// Enum values shared with client code (forms, filters): no mongoose import here.
export const LEAD_STATUSES = ["new", "contacted", "under_contract", "closed", "lost"] as const;
export const LEAD_PRIORITIES = ["low", "medium", "high", "urgent"] as const;

export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];
