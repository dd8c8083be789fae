import { Types } from "mongoose";
import { PERMISSIONS as ALL_PERMISSIONS } from "@/lib/core/permissions";

export type Role = "admin" | "acquisition_rep" | "disposition_manager";

export const SYSTEM_SOURCES = ["import", "automation", "webhook", "job", "seed", "migration", "maintenance"] as const;
export type SystemSource = (typeof SYSTEM_SOURCES)[number];

/**
 * Who acts: a signed-in member, a tenant API key, or the system on behalf of something that
 * triggered it (an import, an automation, a provider webhook, a job), with that thing's id.
 */
export type Actor =
  | { kind: "member"; userId: string; role: Role; name?: string }
  | { kind: "api_key"; keyId: string; name: string }
  | { kind: "system"; source: SystemSource; ref?: string; label?: string };

/**
 * Who is acting, and in which company. Resolved once per request from the host and the session
 * (or API key), then passed first to every data-layer function. `permissions` is what
 * requirePermission checks for every kind of actor: a member's effective permissions, a key's
 * scopes, a system job's explicit list.
 */
export type TenantContext = {
  tenantId: string;
  actor?: Actor;
  userId?: string;
  role?: Role;
  permissions?: string[];
  ip?: string;
  userAgent?: string;
};

/**
 * A context for work the system does in a tenant. Unless told otherwise it may do everything
 * (imports, maintenance and seeds run on behalf of the company); pass a narrower list where the
 * work acts for someone with fewer rights.
 */
export function systemContext(
  tenantId: string,
  source: SystemSource,
  ref?: string,
  permissions: readonly string[] = ALL_PERMISSIONS,
  label?: string,
): TenantContext {
  return { tenantId, actor: { kind: "system", source, ...(ref ? { ref } : {}), ...(label ? { label } : {}) }, permissions: [...permissions] };
}

/**
 * The actor of a context: its own, or a member when only a user id is set (older call sites),
 * or the system.
 */
export function actorOf(ctx: TenantContext): Actor {
  if (ctx.actor) return ctx.actor;
  if (ctx.userId) return { kind: "member", userId: ctx.userId, role: ctx.role ?? "acquisition_rep" };
  return { kind: "system", source: "job" };
}

const SOURCE_LABELS: Record<SystemSource, string> = {
  import: "Import",
  automation: "Automation",
  webhook: "Webhook",
  job: "System",
  seed: "Demo data",
  migration: "Migration",
  maintenance: "Maintenance",
};

/** How an actor is named in the activity log: a member's name, a key's name, or what the system ran. */
export function describeActor(actor: Actor): string {
  switch (actor.kind) {
    case "member":
      return actor.name || "A member";
    case "api_key":
      return `API key ${actor.name}`;
    case "system":
      return actor.label || SOURCE_LABELS[actor.source];
  }
}

export class TenantScopeError extends Error {
  constructor(message: string) {
    super(`Tenant scope violation: ${message}`);
    this.name = "TenantScopeError";
  }
}

/** The tenant id of a context as an ObjectId; throws when the context carries no valid tenant. */
export function tenantObjectId(ctx: TenantContext | null | undefined): Types.ObjectId {
  const id = ctx?.tenantId;
  if (typeof id !== "string" || !Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/i.test(id)) {
    throw new TenantScopeError("a tenant context with a valid tenantId is required");
  }
  return new Types.ObjectId(id);
}
