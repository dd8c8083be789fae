import "server-only";
import { requirePermission, type Permission } from "@/lib/auth/permissions";
import type { TenantContext } from "@/lib/db/tenant-context";
import { failureResponse } from "@/lib/errors-response";
import { getActionContext } from "@/lib/tenancy/request-context";

type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper every tenant route handler goes through: tenant from the host, member from the
 * session, permission check, and errors mapped to JSON responses in one place.
 */
export function withTenant<P = Record<string, string>>(
  handler: (request: Request, ctx: TenantContext, params: P) => Promise<Response>,
  options: { permission?: Permission; write?: boolean } = {},
) {
  return async (request: Request, route: RouteContext<P>): Promise<Response> => {
    try {
      const write = options.write ?? !["GET", "HEAD", "OPTIONS"].includes(request.method);
      const ctx = await getActionContext({ write });
      if (options.permission) requirePermission(ctx, options.permission);
      return await handler(request, ctx, (await route.params) ?? ({} as P));
    } catch (err) {
      return failureResponse(err);
    }
  };
}
