// The demo workspaces and who can sign in to them. The README and tests read these, so the
// seed, the docs and the sign-in tests cannot drift apart.
import type { Role } from "@/lib/core/db/tenant-context";

/** Every demo user's password (hashed once per seed run with lib/auth/password.ts). */
export const DEMO_PASSWORD = "DealCycle-demo-2026";

export const DEMO_TENANTS = [
  { key: "acme", subdomain: "acme", name: "Acme Home Buyers", plan: "professional" },
  { key: "globex", subdomain: "globex", name: "Globex Property Group", plan: "basic" },
] as const;

export type DemoTenantKey = (typeof DEMO_TENANTS)[number]["key"];

export type DemoUser = { tenant: DemoTenantKey; email: string; name: string; role: Role };

export const DEMO_USERS: readonly DemoUser[] = [
  { tenant: "acme", email: "admin@acme.example.com", name: "Alex Morgan", role: "admin" },
  { tenant: "acme", email: "rep@acme.example.com", name: "Jordan Reyes", role: "acquisition_rep" },
  { tenant: "acme", email: "rep2@acme.example.com", name: "Taylor Brooks", role: "acquisition_rep" },
  { tenant: "acme", email: "dispo@acme.example.com", name: "Casey Nguyen", role: "disposition_manager" },
  { tenant: "globex", email: "admin@globex.example.com", name: "Dana Whitfield", role: "admin" },
  { tenant: "globex", email: "rep@globex.example.com", name: "Chris Patel", role: "acquisition_rep" },
];
