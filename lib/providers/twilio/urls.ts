import "server-only";
import { rootOrigin } from "@/lib/core/tenancy/origins";

/**
 * Where Twilio calls us: TWILIO_WEBHOOK_BASE when the public address differs from the root site
 * (a tunnel in development, the tests' loopback server), else the root origin. The company is
 * found from the number, never the host, so one set of URLs serves every company.
 */
export function twilioWebhookBase(): string {
  return (process.env.TWILIO_WEBHOOK_BASE?.trim() || rootOrigin()).replace(/\/+$/, "");
}

export const TWILIO_WEBHOOK_PATHS = {
  sms: "/api/webhooks/twilio/sms",
  messageStatus: "/api/webhooks/twilio/message-status",
  voice: "/api/webhooks/twilio/voice",
  callStatus: "/api/webhooks/twilio/call-status",
  recording: "/api/webhooks/twilio/recording",
  dialResult: "/api/webhooks/twilio/dial-result",
  connect: "/api/webhooks/twilio/connect",
} as const;

export function twilioWebhookUrl(kind: keyof typeof TWILIO_WEBHOOK_PATHS, query?: Record<string, string>): string {
  const q = query ? `?${new URLSearchParams(query)}` : "";
  return `${twilioWebhookBase()}${TWILIO_WEBHOOK_PATHS[kind]}${q}`;
}
