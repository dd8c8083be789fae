// Test helpers for team administration: members of a test company, invitation links from the outbox.
import { scoped } from "@/lib/core/db/scoped";
import type { Role, TenantContext } from "@/lib/core/db/tenant-context";
import { MailMessage } from "@/models/mail-message";
import { User } from "@/models/user";

let n = 0;

/** Creates a member and returns a context acting as them (role permissions, no extras). */
export async function createMember(ctx: TenantContext, role: Role = "admin", overrides: Record<string, unknown> = {}) {
  n += 1;
  const user = await scoped(ctx, User).create({ email: `member${n}-${Date.now()}@example.com`, name: `Member ${n}`, role, ...overrides });
  const memberCtx: TenantContext = { tenantId: ctx.tenantId, userId: String(user._id), role, ip: "203.0.113.7", userAgent: "vitest" };
  return { user, ctx: memberCtx };
}

/** The token of the newest invitation e-mail sent to `to` (as a person would copy it from the mail). */
export async function inviteTokenFromOutbox(to: string): Promise<string | null> {
  const mail = await MailMessage.findOne({ to, kind: "invite" }).sort({ created_at: -1, _id: -1 }).lean();
  return mail?.text.match(/\/invite\/([A-Za-z0-9_-]{43})/)?.[1] ?? null;
}
