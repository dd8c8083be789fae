// Workspaces and members arranged directly in the e2e database, for sign-in tests that need
// states the UI cannot reach quickly (deactivated, suspended, closed).
import { randomBytes } from "node:crypto";
import { ObjectId } from "mongodb";
import { hashPassword } from "@/lib/auth/password";
import { collection } from "./db";

export const TEST_PASSWORD = "Correct-Horse-42";

export type Role = "admin" | "acquisition_rep" | "disposition_manager";

/** A subdomain no other test (or earlier run on the same database) uses. */
export function uniqueSubdomain(prefix = "t"): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function createWorkspace(options: { subdomain?: string; name?: string; status?: "active" | "suspended" | "cancelled" } = {}) {
  const subdomain = options.subdomain ?? uniqueSubdomain();
  const _id = new ObjectId();
  const now = new Date();
  await (await collection("tenants")).insertOne({
    _id,
    name: options.name ?? `Company ${subdomain}`,
    subdomain,
    subscription_plan: "basic",
    subscription_status: options.status ?? "active",
    subscription_start_date: now,
    max_users: 5,
    max_leads: 25_000,
    features_enabled: [],
    settings: { sms_enabled: true, call_enabled: true },
    created_at: now,
    updated_at: now,
  });
  return { id: _id.toHexString(), subdomain, name: options.name ?? `Company ${subdomain}` };
}

export async function createMember(
  tenantId: string,
  options: { email?: string; name?: string; role?: Role; password?: string | null; isActive?: boolean } = {},
) {
  const _id = new ObjectId();
  const email = (options.email ?? `${randomBytes(4).toString("hex")}@example.com`).toLowerCase();
  const now = new Date();
  const password = options.password === undefined ? TEST_PASSWORD : options.password;
  await (await collection("users")).insertOne({
    _id,
    tenant_id: new ObjectId(tenantId),
    email,
    name: options.name ?? "Test Member",
    role: options.role ?? "admin",
    permissions: [],
    ...(password ? { password_hash: await hashPassword(password) } : {}),
    is_active: options.isActive ?? true,
    is_verified: true,
    login_count: 0,
    session_version: 0,
    preferences: { theme: "light" },
    created_at: now,
    updated_at: now,
  });
  return { id: _id.toHexString(), email, password: password ?? "" };
}

export async function updateMember(userId: string, set: Record<string, unknown>) {
  await (await collection("users")).updateOne({ _id: new ObjectId(userId) }, { $set: set });
}

export async function getMember(userId: string) {
  return (await collection("users")).findOne({ _id: new ObjectId(userId) });
}

export async function setWorkspaceStatus(tenantId: string, status: "active" | "suspended" | "cancelled") {
  await (await collection("tenants")).updateOne({ _id: new ObjectId(tenantId) }, { $set: { subscription_status: status } });
}

export async function activitiesOf(tenantId: string, type: string) {
  return (await collection("activities")).find({ tenant_id: new ObjectId(tenantId), type }).sort({ created_at: 1 }).toArray();
}
