import { Types } from "mongoose";

export type Role = "admin" | "acquisition_rep" | "disposition_manager";

/**
 * Who is acting, and in which company. Resolved once per request from the host and the session,
 * then passed first to every data-layer function.
 */
export type TenantContext = {
  tenantId: string;
  userId?: string;
  role?: Role;
  permissions?: string[];
  ip?: string;
  userAgent?: string;
};

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
