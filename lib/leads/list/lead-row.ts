// One lead as the list shows it: the list columns only, as plain values a client component can take.
import { fieldsWith, topLevel } from "../fields";

export type LeadRow = {
  id: string;
  name: string;
  phone?: string;
  email?: string;
  street?: string;
  city?: string;
  state?: string;
  status: string;
  priority?: string;
  source?: string;
  assignedTo?: string;
  tags: string[];
  nextFollowUp?: string;
  lastContacted?: string;
  createdAt: string;
  askingPrice?: number;
  estimatedValue?: number;
  score?: number;
};

/**
 * The fields a list row reads (a projection: the lead's notes, history and details stay behind):
 * every field the registry shows as a column (lib/leads/fields.ts), by its top-level field.
 */
export const LEAD_ROW_PROJECTION: Readonly<Record<string, 1>> = Object.fromEntries([["_id", 1], ...fieldsWith("column").map((f) => [topLevel(f.path), 1])]);

/** The stored fields a row is made of (a lean lead with at least the projection's fields). */
export type LeadRowSource = {
  _id: unknown;
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  address?: { street?: string | null; city?: string | null; state?: string | null } | null;
  status?: string | null;
  priority?: string | null;
  source?: string | null;
  assigned_to?: unknown;
  tags?: string[] | null;
  next_follow_up?: Date | null;
  last_contacted?: Date | null;
  created_at?: Date | null;
  asking_price?: number | null;
  estimated_value?: number | null;
  lead_score?: number | null;
};

const opt = <T,>(v: T | null | undefined): T | undefined => (v === null || v === undefined || v === "" ? undefined : v);

export function toLeadRow(doc: LeadRowSource): LeadRow {
  return {
    id: String(doc._id),
    name: doc.name ?? "",
    phone: opt(doc.phone),
    email: opt(doc.email),
    street: opt(doc.address?.street),
    city: opt(doc.address?.city),
    state: opt(doc.address?.state),
    status: doc.status ?? "new",
    priority: opt(doc.priority),
    source: opt(doc.source),
    assignedTo: doc.assigned_to ? String(doc.assigned_to) : undefined,
    tags: doc.tags ?? [],
    nextFollowUp: doc.next_follow_up?.toISOString(),
    lastContacted: doc.last_contacted?.toISOString(),
    createdAt: (doc.created_at ?? new Date(0)).toISOString(),
    askingPrice: opt(doc.asking_price),
    estimatedValue: opt(doc.estimated_value),
    score: opt(doc.lead_score),
  };
}
