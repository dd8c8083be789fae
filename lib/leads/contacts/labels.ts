// How a phone's or e-mail's type and status read (forms, the lead page, the export). Client-safe.
export const PHONE_TYPE_LABELS: Record<string, string> = { mobile: "Mobile", landline: "Landline", voip: "VoIP", unknown: "Unknown type" };
export const PHONE_STATUS_LABELS: Record<string, string> = { active: "Active", wrong_number: "Wrong number", disconnected: "Disconnected", do_not_call: "Do not call" };
export const EMAIL_TYPE_LABELS: Record<string, string> = { personal: "Personal", work: "Work", unknown: "Unknown type" };
export const EMAIL_STATUS_LABELS: Record<string, string> = { active: "Active", bounced: "Bounced", do_not_email: "Do not e-mail" };
