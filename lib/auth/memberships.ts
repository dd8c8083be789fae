import "server-only";
import { connectDb } from "@/lib/core/db/connect";
import type { Role } from "@/lib/core/db/tenant-context";
import { Tenant } from "@/models/tenant";
import { User } from "@/models/user";
import type { Membership } from "@/lib/core/session/session-claims";

// More than any real person needs; keeps the root session cookie small.
const MAX_MEMBERSHIPS = 50;

export type Account = {
  tenantId: string;
  tenantName: string;
  tenantStatus: "active" | "suspended" | "cancelled";
  subdomain: string;
  userId: string;
  email: string;
  name: string;
  role: Role;
  isActive: boolean;
  sessionVersion: number;
  googleId?: string;
  passwordHash?: string;
};

/**
 * Every user record with this e-mail, in every workspace that is not closed. This is the one
 * lookup that spans tenants on purpose (a person signs in before we know their workspace).
 */
export async function findAccountsByEmail(email: string, { withPassword = false } = {}): Promise<Account[]> {
  await connectDb();
  const users = await User.find({ email })
    .select(withPassword ? "+password_hash" : "")
    .limit(MAX_MEMBERSHIPS)
    .setOptions({ allTenants: true })
    .lean();
  if (!users.length) return [];
  const tenants = await Tenant.find({ _id: { $in: users.map((u) => u.tenant_id) } }, { name: 1, subdomain: 1, subscription_status: 1 }).lean();
  const byId = new Map(tenants.map((t) => [String(t._id), t]));
  return users.flatMap((u) => {
    const t = byId.get(String(u.tenant_id));
    if (!t || t.subscription_status === "cancelled") return [];
    return [
      {
        tenantId: String(t._id),
        tenantName: t.name,
        tenantStatus: (t.subscription_status ?? "active") as Account["tenantStatus"],
        subdomain: t.subdomain,
        userId: String(u._id),
        email: u.email ?? "",
        name: u.name ?? "",
        role: u.role as Role,
        isActive: u.is_active !== false,
        sessionVersion: u.session_version ?? 0,
        googleId: u.google_id ?? undefined,
        passwordHash: (u as { password_hash?: string }).password_hash,
      },
    ];
  });
}

export function toMembership(a: Account): Membership {
  return { t: a.tenantId, u: a.userId, v: a.sessionVersion };
}
