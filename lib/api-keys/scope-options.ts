import { PERMISSIONS, type Permission } from "@/lib/core/permissions";

/** What each scope lets a key do, as the create form explains it. */
const DESCRIPTIONS: Partial<Record<Permission, string>> = {
  "leads.read": "Read leads (a key reads all of the company's leads)",
  "leads.write": "Create and edit leads",
  "leads.delete": "Delete leads",
  "leads.assign": "Assign leads to members",
  "leads.import": "Import lead files",
  "leads.export": "Export leads as CSV",
};

export type ScopeOption = { value: Permission; label: string; group: string };

/** Every permission a key may hold, grouped by resource (the part before the dot). */
export function scopeOptions(): ScopeOption[] {
  return PERMISSIONS.filter((p) => p !== "leads.read_all").map((p) => ({ value: p, label: DESCRIPTIONS[p] ?? p, group: p.split(".")[0] }));
}
