import "server-only";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { User } from "@/models/user";

export type Assignee = { id: string; name: string; role: string };

/** The active members a lead can be assigned to. */
export async function listAssignees(ctx: TenantContext): Promise<Assignee[]> {
  const users = await scoped(ctx, User).find({ is_active: true }, { name: 1, role: 1 }).sort({ name: 1 }).limit(500).lean();
  return users.map((u) => ({ id: String(u._id), name: u.name ?? "", role: u.role ?? "" }));
}
