import "server-only";
import { recordActivity } from "@/lib/activities/record-activity";
import { hashPassword } from "@/lib/auth/password";
import type { RootIdentity } from "@/lib/core/session/session-claims";
import { connectDb } from "@/lib/core/db/connect";
import { scoped } from "@/lib/core/db/scoped";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { installDefaultTemplates } from "@/lib/templates/templates";
import { AppError } from "@/lib/core/errors";
import { Tenant } from "@/models/tenant";
import { User } from "@/models/user";
import { planFields } from "./plans";
import { signUpSchema } from "./sign-up-schema";

export const SUBDOMAIN_TAKEN = "That address was just taken. Choose another one.";

export type CreatedCompany = { tenantId: string; subdomain: string; userId: string; claims: RootIdentity };

/**
 * Sign-up: a new tenant with its plan's defaults, and its first admin. The unique index on
 * tenants.subdomain settles a race between two sign-ups for one name (exactly one insert wins,
 * the other gets a clear message). The admin is written only after the tenant exists, and the
 * tenant is removed again if that fails: no orphan user, no tenant without an admin.
 */
export async function createCompany(raw: unknown, meta: { ip?: string; userAgent?: string } = {}): Promise<CreatedCompany> {
  const input = signUpSchema.parse(raw);
  const passwordHash = await hashPassword(input.password);
  await connectDb();

  let tenantId: string;
  try {
    const tenant = await Tenant.create({ name: input.company, subdomain: input.subdomain, ...planFields(input.plan) });
    tenantId = String(tenant._id);
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw new AppError("conflict", SUBDOMAIN_TAKEN, { subdomain: [SUBDOMAIN_TAKEN] });
    throw err;
  }

  const ctx: TenantContext = { tenantId, ip: meta.ip, userAgent: meta.userAgent };
  let userId: string;
  try {
    const user = await scoped(ctx, User).create({
      email: input.email,
      name: input.name,
      role: "admin",
      password_hash: passwordHash,
      is_active: true,
      is_verified: false,
    });
    userId = String(user._id);
  } catch (err) {
    await Tenant.deleteOne({ _id: tenantId });
    throw err;
  }

  // A new company starts with templates it can send at once (lib/templates/default-templates.ts).
  await installDefaultTemplates(systemContext(tenantId, "seed", undefined, undefined, "Default templates"));

  await recordActivity({ ...ctx, userId, role: "admin" }, {
    type: "tenant_created",
    entityType: "tenant",
    entityId: tenantId,
    description: `${input.name} created the workspace ${input.company} (${input.plan} plan)`,
    metadata: { subdomain: input.subdomain, plan: input.plan, email: input.email },
  });
  return {
    tenantId,
    subdomain: input.subdomain,
    userId,
    claims: { typ: "root", email: input.email, name: input.name, amr: "password", m: [{ t: tenantId, u: userId, v: 0 }] },
  };
}
