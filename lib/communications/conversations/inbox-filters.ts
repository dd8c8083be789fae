// The inbox's filters and rows as the browser receives them (no server imports here).

export const INBOX_FILTERS = ["all", "mine", "unassigned", "unread", "leads", "buyers", "opted_out", "needs_review"] as const;
export type InboxFilter = (typeof INBOX_FILTERS)[number];
export const INBOX_FILTER_LABELS: Record<InboxFilter, string> = {
  all: "All",
  mine: "Mine",
  unassigned: "Unassigned",
  unread: "Unread",
  leads: "Leads",
  buyers: "Buyers",
  opted_out: "Opted out",
  needs_review: "Needs review",
};

export type ConversationView = {
  id: string;
  contactType: "lead" | "buyer";
  contactId: string;
  contactName: string;
  contactPhone: string;
  assignedTo: string | null;
  lastAt: string;
  lastPreview: string;
  lastType: string;
  lastDirection: string;
  lastStatus: string;
  messageCount: number;
  unread: number;
  needsReview: boolean;
  optedOut: boolean;
};

