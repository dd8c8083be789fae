// Enum values shared with client code (forms, filters): no mongoose import here.
export const LEAD_STATUSES = ["new", "contacted", "under_contract", "closed", "lost"] as const;
export const LEAD_PRIORITIES = ["low", "medium", "high", "urgent"] as const;

export type LeadStatus = (typeof LEAD_STATUSES)[number];
export type LeadPriority = (typeof LEAD_PRIORITIES)[number];

// A lead's several phones and e-mails (docs/data-model.md, "Several phones and e-mails").
export const PHONE_TYPES = ["mobile", "landline", "voip", "unknown"] as const;
export const PHONE_STATUSES = ["active", "wrong_number", "disconnected", "do_not_call"] as const;
export const EMAIL_TYPES = ["personal", "work", "unknown"] as const;
export const EMAIL_STATUSES = ["active", "bounced", "do_not_email"] as const;

export type PhoneType = (typeof PHONE_TYPES)[number];
export type PhoneStatus = (typeof PHONE_STATUSES)[number];
export type EmailType = (typeof EMAIL_TYPES)[number];
export type EmailStatus = (typeof EMAIL_STATUSES)[number];
/** At most this many phones and this many e-mails per lead. */
export const MAX_CONTACT_POINTS = 10;
