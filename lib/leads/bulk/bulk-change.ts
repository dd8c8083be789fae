// The changes a bulk action can make, and what each does to one lead. Pure: shared by the
// server action, the activity log and the list index.
import type { LeadPriority, LeadStatus } from "@/models/lead-enums";

export type BulkChange =
  | { kind: "assign"; userId: string | null }
  | { kind: "status"; status: LeadStatus }
  | { kind: "priority"; priority: LeadPriority }
  | { kind: "addTags"; tags: string[] }
  | { kind: "removeTags"; tags: string[] };

type Fields = { status?: string | null; priority?: string | null; assigned_to?: unknown; tags?: string[] | null };

/** The fields of a lead after the change, or null when it would not change anything. */
export function changedFields(change: BulkChange, lead: Fields): Partial<{ status: string; priority: string; assigned_to: string | null; tags: string[] }> | null {
  switch (change.kind) {
    case "assign": {
      const current = lead.assigned_to ? String(lead.assigned_to) : null;
      return current === change.userId ? null : { assigned_to: change.userId };
    }
    case "status":
      return lead.status === change.status ? null : { status: change.status };
    case "priority":
      return lead.priority === change.priority ? null : { priority: change.priority };
    case "addTags": {
      const tags = lead.tags ?? [];
      const missing = change.tags.filter((t) => !tags.includes(t));
      return missing.length ? { tags: [...tags, ...missing] } : null;
    }
    case "removeTags": {
      const tags = lead.tags ?? [];
      return tags.some((t) => change.tags.includes(t)) ? { tags: tags.filter((t) => !change.tags.includes(t)) } : null;
    }
  }
}

export function describeChange(change: BulkChange, count: number, assigneeName?: string): string {
  const leads = `${count.toLocaleString("en-US")} lead${count === 1 ? "" : "s"}`;
  switch (change.kind) {
    case "assign":
      return change.userId ? `Assigned ${leads} to ${assigneeName ?? "a teammate"}` : `Unassigned ${leads}`;
    case "status":
      return `Moved ${leads} to ${change.status.replace("_", " ")}`;
    case "priority":
      return `Set ${leads} to ${change.priority} priority`;
    case "addTags":
      return `Tagged ${leads} ${change.tags.join(", ")}`;
    case "removeTags":
      return `Removed ${change.tags.join(", ")} from ${leads}`;
  }
}
