import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { tenantObjectId } from "@/lib/core/db/tenant-context";
import { explainTwilioError } from "@/lib/providers/twilio/client";
import { Communication } from "@/models/communication";
import { ProviderSid } from "@/models/provider-sid";
import { mapCallStatus, mapMessageStatus } from "./status";

/**
 * Claims a Twilio SID for a communication id (insert, unique SID). Returns the id the SID is
 * stored under: the one given when this call claimed it, the earlier one otherwise. Null when the
 * SID belongs to another company (never happens with Twilio's SIDs, unless someone forges one).
 */
export async function claimSid(ctx: TenantContext, sid: string, communicationId: Types.ObjectId): Promise<{ id: Types.ObjectId; claimed: boolean } | null> {
  const tenant_id = tenantObjectId(ctx);
  try {
    await ProviderSid.create({ sid, tenant_id, communication_id: communicationId });
    return { id: communicationId, claimed: true };
  } catch (err) {
    if ((err as { code?: number }).code !== 11000) throw err;
    const row = await ProviderSid.findOne({ sid }).lean();
    if (!row || !row.tenant_id.equals(tenant_id)) return null;
    return { id: row.communication_id as Types.ObjectId, claimed: false };
  }
}

/**
 * `claimSid` for several SIDs at once: one insert of them all; only the SIDs already claimed are
 * read back, each by itself. The answers are in the order given.
 */
export async function claimSids(ctx: TenantContext, claims: readonly { sid: string; id: Types.ObjectId }[]): Promise<({ id: Types.ObjectId; claimed: boolean } | null)[]> {
  if (claims.length <= 1) return Promise.all(claims.map((c) => claimSid(ctx, c.sid, c.id)));
  const tenant_id = tenantObjectId(ctx);
  let taken = new Set<number>();
  try {
    await ProviderSid.insertMany(claims.map((c) => ({ sid: c.sid, tenant_id, communication_id: c.id })), { ordered: false });
  } catch (err) {
    const writeErrors = (err as { writeErrors?: { index?: number; code?: number; err?: { index?: number; code?: number } }[] }).writeErrors ?? [];
    const failed = writeErrors.map((e) => ({ index: e.index ?? e.err?.index, code: e.code ?? e.err?.code }));
    if (!failed.length || failed.some((e) => e.code !== 11000 || typeof e.index !== "number")) throw err;
    taken = new Set(failed.map((e) => e.index as number));
  }
  return Promise.all(
    claims.map(async (c, i) => {
      if (!taken.has(i)) return { id: c.id, claimed: true };
      const row = await ProviderSid.findOne({ sid: c.sid }).lean();
      if (!row || !row.tenant_id.equals(tenant_id)) return null;
      return { id: row.communication_id as Types.ObjectId, claimed: false };
    }),
  );
}

/** The communication a SID is stored as, in this company only. */
export async function communicationIdForSid(ctx: TenantContext, sid: string): Promise<Types.ObjectId | null> {
  const row = await ProviderSid.findOne({ sid, tenant_id: tenantObjectId(ctx) }, { communication_id: 1 }).lean();
  return (row?.communication_id as Types.ObjectId) ?? null;
}

type StatusExtra = {
  errorCode?: string | number | null;
  price?: string | null;
  priceUnit?: string | null;
  duration?: number | null;
  at?: Date;
  /** Fields written whether or not the status moves (a send's SID): in the same update when it does. */
  always?: Record<string, unknown>;
};

/**
 * Applies a message or call status Twilio reported, only if it moves the status forward (a
 * repeated or late callback changes nothing). Returns whether the status changed.
 */
export async function applyProviderStatus(ctx: TenantContext, id: Types.ObjectId, kind: "sms" | "call", twilioStatus: string, extra: StatusExtra = {}): Promise<boolean> {
  const mapped = kind === "sms" ? mapMessageStatus(twilioStatus) : mapCallStatus(twilioStatus);
  const always = { ...priceFields(extra), ...extra.always };
  const comms = scoped(ctx, Communication);
  const writeAlways = async () => {
    if (Object.keys(always).length) await comms.updateOne({ _id: id }, { $set: always });
  };
  if (!mapped) {
    await writeAlways();
    return false;
  }
  const at = extra.at ?? new Date();
  const set: Record<string, unknown> = { status: mapped.status, twilio_status: twilioStatus, status_rank: mapped.rank };
  if (mapped.status === "sent") set.sent_at = at;
  if (mapped.status === "delivered") set.delivered_at = at;
  if (extra.errorCode) {
    set.error_code = String(extra.errorCode);
    set.error_message = explainTwilioError(extra.errorCode);
  }
  if (typeof extra.duration === "number" && Number.isFinite(extra.duration)) set.duration = Math.max(0, extra.duration);
  if (kind === "call" && mapped.status === "answered" && extra.duration === 0) set.status = "missed";
  const res = await comms.updateOne({ _id: id, status_rank: { $lt: mapped.rank } }, { $set: { ...set, ...always } });
  if (res.modifiedCount === 0) await writeAlways();
  return res.modifiedCount > 0;
}

/** Twilio's price ("-0.00790") as a positive cost in its unit; nothing while Twilio has none yet. */
export function priceFields(extra: { price?: string | null; priceUnit?: string | null }): Record<string, unknown> {
  const n = extra.price == null ? NaN : Math.abs(Number(extra.price));
  return Number.isFinite(n) ? { "metadata.cost": n, price_unit: extra.priceUnit ?? "USD" } : {};
}
