import "server-only";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { optOutNumber } from "../compliance/opt-outs";
import { applyProviderStatus, communicationIdForSid } from "../provider-records";

const empty = () => new Response("<Response/>", { headers: { "Content-Type": "text/xml; charset=utf-8" } });

/**
 * A status callback for a text the company sent: applied only when it moves the status forward
 * (Twilio repeats callbacks and sends them out of order). A SID this company never stored changes
 * nothing (answered 200, so Twilio does not retry it).
 */
export async function receiveMessageStatus(ctx: TenantContext, params: Record<string, string>): Promise<Response> {
  const sid = params.MessageSid || params.SmsSid || "";
  const status = params.MessageStatus || params.SmsStatus || "";
  const id = sid ? await communicationIdForSid(ctx, sid) : null;
  if (!id) return empty();
  await applyProviderStatus(ctx, id, "sms", status, { errorCode: params.ErrorCode || null });
  if (params.ErrorCode === "21610" && params.To) await optOutNumber(ctx, params.To, { source: "twilio" });
  return empty();
}
