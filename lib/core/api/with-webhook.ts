import "server-only";
import type { Permission } from "@/lib/core/permissions";
import { systemContext, type TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { failureResponse } from "@/lib/core/errors-response";
import { clientIpFrom, userAgentFrom } from "@/lib/core/tenancy/request-meta";

/** A provider's signed callback, read and checked: whose it is and what triggered it. */
export type VerifiedWebhook = { tenantId: string; ref?: string; params: Record<string, string> };

/**
 * How one provider's webhooks are trusted. `verify` gets the raw body and must throw AppError
 * forbidden for a missing or wrong signature and not_found for anything that names no company, and
 * must find the tenant only from data the provider signs and a caller cannot choose (for Twilio,
 * the number that was called), never from the host or a header.
 */
export type WebhookProvider = { name: string; verify: (request: Request, body: string) => Promise<VerifiedWebhook> };

const MAX_BODY_BYTES = 64 * 1024;

/** What a webhook may do unless the route says otherwise: record conversations against leads and buyers. */
export const WEBHOOK_PERMISSIONS: readonly Permission[] = ["leads.read", "leads.read_all", "leads.write", "buyers.read", "communications.read", "communications.write"];

/**
 * The one wrapper for provider webhooks: the body is read once (bounded), the provider verifies
 * its signature and names the tenant, and the handler runs as the system
 * (`{ kind: "system", source: "webhook", ref: the message or call id }`) with the permissions the
 * route grants. Refusals answer in the API's error shape: 403 for a bad signature, 404 for an
 * unknown number (saying nothing more).
 */
export function withProviderWebhook(
  provider: WebhookProvider,
  handler: (request: Request, ctx: TenantContext, event: VerifiedWebhook) => Promise<Response>,
  options: { permissions?: readonly Permission[] } = {},
) {
  return async (request: Request): Promise<Response> => {
    try {
      if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw new AppError("bad_request", "The request body is too large.");
      const body = await request.text();
      if (Buffer.byteLength(body) > MAX_BODY_BYTES) throw new AppError("bad_request", "The request body is too large.");
      const event = await provider.verify(request, body);
      const base = systemContext(event.tenantId, "webhook", event.ref, options.permissions ?? WEBHOOK_PERMISSIONS, `${provider.name} webhook`);
      const ctx: TenantContext = { ...base, ip: clientIpFrom(request.headers), userAgent: userAgentFrom(request.headers) };
      return await handler(request, ctx, event);
    } catch (err) {
      return failureResponse(err);
    }
  };
}
