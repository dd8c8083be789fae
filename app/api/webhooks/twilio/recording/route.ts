import { withProviderWebhook } from "@/lib/core/api/with-webhook";
import { receiveRecording } from "@/lib/communications/calls/call-webhooks";
import { twilioRecordingWebhook } from "@/lib/providers/twilio/webhook";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** POST /api/webhooks/twilio/recording: a call recording's URL and duration. */
export const POST = withProviderWebhook(twilioRecordingWebhook, (_request, ctx, event) => receiveRecording(ctx, event.params));
