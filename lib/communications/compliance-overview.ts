import "server-only";
import { Types } from "mongoose";
import { requirePermission } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError, notFound } from "@/lib/core/errors";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Lead } from "@/models/lead";
import { listOptOuts, optOutNumber, type OptOutView } from "./compliance/opt-outs";
import { getTextingStatus, type SendingStatus } from "./sending-status";

export type FlaggedReply = { id: string; contactType: string; contactId: string; contactName: string; from: string | null; content: string; reason: string; flaggedAt: string };
export type DeferredText = { id: string; contactType: string; contactId: string; contactName: string; content: string; until: string; reason: string; rule: string };

export type ComplianceOverview = { optOuts: OptOutView[]; flagged: FlaggedReply[]; deferred: DeferredText[]; sending: SendingStatus };

const LIMIT = 200;

async function contactNames(ctx: TenantContext, rows: { recipient_type?: string | null; recipient_id?: unknown }[]): Promise<Map<string, string>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.recipient_type === kind).map((r) => String(r.recipient_id)))].map((id) => new Types.ObjectId(id));
  const [leads, buyers] = await Promise.all([
    ids("lead").length ? scoped(ctx, Lead).find({ _id: { $in: ids("lead") } }, { name: 1 }).lean() : [],
    ids("buyer").length ? scoped(ctx, Buyer).find({ _id: { $in: ids("buyer") } }, { name: 1 }).lean() : [],
  ]);
  return new Map([...leads, ...buyers].map((d) => [String(d._id), d.name ?? ""]));
}

/** What an admin watches: opted-out numbers, replies flagged for review, deferred texts, 10DLC. */
export async function getComplianceOverview(ctx: TenantContext): Promise<ComplianceOverview> {
  requirePermission(ctx, "settings.manage");
  const comms = scoped(ctx, Communication);
  const [optOuts, flaggedRows, deferredRows, sending] = await Promise.all([
    listOptOuts(ctx),
    comms.find({ "review.flagged_at": { $exists: true }, "review.resolved_at": null }, { recipient_type: 1, recipient_id: 1, from_number: 1, content: 1, review: 1 }).limit(LIMIT).lean(),
    comms.find({ status: "scheduled", "deferral.until": { $gt: new Date() } }, { recipient_type: 1, recipient_id: 1, content: 1, deferral: 1 }).limit(LIMIT).lean(),
    getTextingStatus(ctx),
  ]);
  const names = await contactNames(ctx, [...flaggedRows, ...deferredRows]);
  const flagged = flaggedRows
    .map((r) => ({
      id: String(r._id),
      contactType: r.recipient_type,
      contactId: String(r.recipient_id),
      contactName: names.get(String(r.recipient_id)) ?? "",
      from: r.from_number ?? null,
      content: r.content ?? "",
      reason: r.review?.reason ?? "Reads like a request to stop",
      flaggedAt: new Date(r.review!.flagged_at!).toISOString(),
    }))
    .sort((a, b) => b.flaggedAt.localeCompare(a.flaggedAt));
  const deferred = deferredRows
    .map((r) => ({
      id: String(r._id),
      contactType: r.recipient_type,
      contactId: String(r.recipient_id),
      contactName: names.get(String(r.recipient_id)) ?? "",
      content: r.content ?? "",
      until: new Date(r.deferral!.until!).toISOString(),
      reason: r.deferral?.reason ?? "",
      rule: r.deferral?.rule ?? "",
    }))
    .sort((a, b) => a.until.localeCompare(b.until));
  return { optOuts: optOuts.slice(0, LIMIT), flagged, deferred, sending };
}

/**
 * A person's decision on a flagged reply: "opt_out" opts the number out (as a STOP would, source
 * review), "keep" leaves it textable; either way the flag is resolved.
 */
export async function resolveFlaggedReply(ctx: TenantContext, id: string, decision: "opt_out" | "keep"): Promise<void> {
  requirePermission(ctx, "communications.write");
  const comms = scoped(ctx, Communication);
  const row = await comms.findById(id, { review: 1, from_number: 1, direction: 1 }).lean();
  if (!row || !row.review?.flagged_at) throw notFound("Flagged reply");
  if (row.review.resolved_at) throw new AppError("conflict", "Someone has already decided on this reply.");
  if (decision === "opt_out") {
    if (!row.from_number) throw new AppError("bad_request", "This reply has no number to opt out.");
    await optOutNumber(ctx, row.from_number, { source: "review", communicationId: id });
  }
  await comms.updateOne({ _id: row._id, "review.resolved_at": null }, { $set: { "review.resolved_at": new Date(), "review.resolution": decision } });
}
