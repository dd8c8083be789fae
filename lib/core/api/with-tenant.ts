import "server-only";
import { headers } from "next/headers";
import { authenticateApiKey } from "@/lib/core/api-keys/authenticate-api-key";
import { requirePermission, type Permission } from "@/lib/core/permissions";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { failureResponse } from "@/lib/core/errors-response";
import { getActionContext } from "@/lib/core/tenancy/request-context";
import { clientIpFrom, userAgentFrom } from "@/lib/core/tenancy/request-meta";

type RouteContext<P> = { params: Promise<P> };

/**
 * The one wrapper every tenant route handler goes through. The tenant comes from the host; who
 * acts from an API key (`Authorization: Bearer dc_live_…`, cookies then ignored, so a key request
 * has no CSRF surface) or else from the member's session cookie. Then the same permission check for
 * both, and every error mapped to the one JSON error shape (lib/core/errors-response.ts).
 */
export function withTenant<P = Record<string, string>>(
  handler: (request: Request, ctx: TenantContext, params: P) => Promise<Response>,
  options: { permission?: Permission; write?: boolean } = {},
) {
  return async (request: Request, route: RouteContext<P>): Promise<Response> => {
    const authorization = request.headers.get("authorization");
    try {
      const write = options.write ?? !["GET", "HEAD", "OPTIONS"].includes(request.method);
      const ctx = authorization === null ? await getActionContext({ write }) : await apiKeyContext(authorization, write);
      if (options.permission) requirePermission(ctx, options.permission);
      return await handler(request, ctx, (await route.params) ?? ({} as P));
    } catch (err) {
      const response = failureResponse(err);
      if (authorization !== null && response.status === 401) response.headers.set("WWW-Authenticate", 'Bearer realm="api"');
      return response;
    }
  };
}

async function apiKeyContext(authorization: string, write: boolean): Promise<TenantContext> {
  // The host as proxy.ts passed it on: the same source the session path uses.
  const h = await headers();
  return authenticateApiKey({ host: h.get("host"), authorization, ip: clientIpFrom(h), userAgent: userAgentFrom(h) }, { write });
}
