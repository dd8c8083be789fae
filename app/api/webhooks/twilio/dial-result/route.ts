import { withProviderWebhook } from "@/lib/core/api/with-webhook";
import { receiveDialResult } from "@/lib/communications/calls/call-webhooks";
import { twilioCallWebhook } from "@/lib/providers/twilio/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/webhooks/twilio/dial-result: the end of a <Dial> (answered, or ring the fallback, or missed). */
export const POST = withProviderWebhook(twilioCallWebhook, (request, ctx, event) => receiveDialResult(ctx, event.params, new URL(request.url).searchParams));
