import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { notFound } from "@/lib/core/errors";
import { getLeadRecordOrThrow } from "@/lib/leads/get-lead";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { User } from "@/models/user";
import { explainTwilioError } from "../explain-error";

export type ContactKind = "lead" | "buyer";

export type ThreadItem = {
  id: string;
  type: "sms" | "call" | "email";
  direction: "inbound" | "outbound";
  status: string;
  content: string;
  createdAt: string;
  scheduledAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  /** The error in words ("This number replied STOP"), for failed and undelivered messages. */
  error: string | null;
  deferral: { until: string; reason: string } | null;
  /** Photos received by MMS: our authorised route to each (never Twilio's URL) and its alt text. */
  media: { href: string; alt: string }[];
  duration: number | null;
  recordingUrl: string | null;
  senderName: string | null;
  source: string | null;
  review: string | null;
  /** Calls: the rep's disposition (no_answer, left_voicemail, talked, wrong_number) and note. */
  disposition: string | null;
  note: string | null;
};

export type ThreadContact = { kind: ContactKind; id: string; name: string; phone: string; email: string | null };

const LIMIT = 200;

function mediaOf(r: Record<string, any>, name: string): ThreadItem["media"] {
  const urls: unknown[] = Array.isArray(r.media_urls) ? r.media_urls : [];
  const when = new Date(r.created_at).toLocaleString("en-US", { month: "short", day: "numeric", hour: "numeric", minute: "2-digit", timeZone: "UTC", timeZoneName: "short" });
  return urls.map((_, n) => ({
    href: `/api/communications/${String(r._id)}/media/${n}`,
    alt: `Photo ${n + 1}${urls.length > 1 ? ` of ${urls.length}` : ""} from ${name || "the contact"}, received ${when}`,
  }));
}
const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null);

/** The contact, read for this person: another company's id, or a lead they may not see, is not found. */
export async function getThreadContactOrThrow(ctx: TenantContext, kind: ContactKind, id: string): Promise<ThreadContact> {
  requirePermission(ctx, "communications.read");
  if (kind === "lead") {
    const lead = await getLeadRecordOrThrow(ctx, id);
    return { kind, id: String(lead._id), name: lead.name ?? "", phone: lead.phone ?? "", email: lead.email ?? null };
  }
  requirePermission(ctx, "buyers.read");
  const buyer = await scoped(ctx, Buyer).findById(id, { name: 1, phone: 1, email: 1 }).lean();
  if (!buyer) throw notFound("Buyer");
  return { kind, id: String(buyer._id), name: buyer.name ?? "", phone: buyer.phone ?? "", email: buyer.email ?? null };
}

/** A contact's messages and calls, oldest first (the latest 200). */
export async function readThread(ctx: TenantContext, kind: ContactKind, id: string): Promise<{ contact: ThreadContact; items: ThreadItem[] }> {
  const contact = await getThreadContactOrThrow(ctx, kind, id);
  const rows = (await scoped(ctx, Communication)
    .find({ recipient_type: kind, recipient_id: new Types.ObjectId(contact.id) })
    .sort({ created_at: -1 })
    .limit(LIMIT)
    .lean()) as Record<string, any>[];
  const senderIds = [...new Set(rows.map((r) => r.sender_id && String(r.sender_id)).filter(Boolean))];
  const senders = senderIds.length ? await scoped(ctx, User).find({ _id: { $in: senderIds.map((s) => new Types.ObjectId(s)) } }, { name: 1 }).lean() : [];
  const names = new Map(senders.map((u) => [String(u._id), u.name ?? ""]));
  const items = rows.reverse().map(
    (r): ThreadItem => ({
      id: String(r._id),
      type: r.type,
      direction: r.direction,
      status: r.status ?? "",
      content: r.content ?? "",
      createdAt: iso(r.created_at)!,
      scheduledAt: iso(r.scheduled_at),
      sentAt: iso(r.sent_at),
      deliveredAt: iso(r.delivered_at),
      readAt: iso(r.read_at),
      error: r.status === "failed" || r.status === "undelivered" || r.error_code ? explainTwilioError(r.error_code, r.error_message) : null,
      deferral: r.deferral?.until ? { until: iso(r.deferral.until)!, reason: r.deferral.reason ?? "" } : null,
      media: mediaOf(r, contact.name),
      duration: r.duration ?? null,
      recordingUrl: r.recording_url ?? null,
      senderName: r.sender_id ? (names.get(String(r.sender_id)) ?? null) : null,
      source: r.source ?? null,
      review: r.review?.flagged_at && !r.review?.resolved_at ? (r.review.reason ?? "Flagged for review") : null,
      disposition: r.type === "call" ? (r.disposition ?? null) : null,
      note: r.type === "call" ? (r.note ?? null) : null,
    }),
  );
  return { contact, items };
}

/** Marks the contact's inbound messages read (the inbox row follows through its subscriber). */
export async function markThreadRead(ctx: TenantContext, kind: ContactKind, id: string): Promise<number> {
  const contact = await getThreadContactOrThrow(ctx, kind, id);
  const res = await scoped(ctx, Communication).updateMany(
    { recipient_type: kind, recipient_id: new Types.ObjectId(contact.id), direction: "inbound", read_at: null },
    { $set: { read_at: new Date() } },
  );
  return res.modifiedCount;
}
