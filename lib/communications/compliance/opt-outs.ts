import "server-only";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getLeadDocumentOrThrow } from "@/lib/leads/get-lead";
import { saveLeadChanges } from "@/lib/leads/write/lead-changes";
import { Lead } from "@/models/lead";
import { OptOut, type OPT_OUT_SOURCES } from "@/models/opt-out";
import { DNC_TAG } from "./gate";

type Source = (typeof OPT_OUT_SOURCES)[number];

/** The company's leads that have this number, as primary or as one of their phones. */
async function leadsWithNumber(ctx: TenantContext, number: string): Promise<Types.ObjectId[]> {
  const leads = scoped(ctx, Lead);
  const [byPrimary, byPhones] = await Promise.all([
    leads.find({ phone: number }, { _id: 1 }).lean(),
    leads.find({ "phones.number": number } as Record<string, unknown>, { _id: 1 }).lean(),
  ]);
  const ids = new Map([...byPrimary, ...byPhones].map((l) => [String(l._id), l._id as Types.ObjectId]));
  return [...ids.values()];
}

async function setDncTag(ctx: TenantContext, leadId: Types.ObjectId, on: boolean): Promise<boolean> {
  const doc = await getLeadDocumentOrThrow(ctx, String(leadId)).catch(() => null);
  if (!doc) return false;
  const tags: string[] = doc.get("tags") ?? [];
  if (on === tags.includes(DNC_TAG)) return false;
  await saveLeadChanges(ctx, doc, (d) => d.set("tags", on ? [...tags, DNC_TAG] : tags.filter((t) => t !== DNC_TAG)));
  return true;
}

/**
 * A message that already changed this number's opt-out, seen again: Twilio retrying its webhook,
 * or someone replaying a signed request they captured (a signature has no time in it). Keyed by
 * the message's SID, so an old START posted again after a later STOP opts nobody back in.
 */
const alreadyApplied = (existing: { history?: { sid?: string | null }[] | null } | null, sid: string | undefined) => !!sid && !!existing?.history?.some((h) => h.sid === sid);

/**
 * Opts a number out of the company's texts at once (a STOP reply, a confirmed review, an admin,
 * Twilio's 21610), recorded with its time and source, and tags the leads with that number `dnc`.
 * Repeating it, or the same message (`sid`) again, changes nothing.
 */
export async function optOutNumber(ctx: TenantContext, number: string, how: { source: Source; keyword?: string; communicationId?: string; sid?: string; at?: Date }): Promise<void> {
  const at = how.at ?? new Date();
  const rows = scoped(ctx, OptOut);
  const existing = await rows.findOne({ number }).lean();
  if (existing?.opted_out || alreadyApplied(existing, how.sid)) return;
  const tagged: Types.ObjectId[] = [];
  for (const id of await leadsWithNumber(ctx, number)) if (await setDncTag(ctx, id, true)) tagged.push(id);
  const entry = { opted_out: true, at, source: how.source, keyword: how.keyword, ...(how.sid ? { sid: how.sid } : {}) };
  const fields = {
    opted_out: true,
    changed_at: at,
    source: how.source,
    keyword: how.keyword,
    ...(how.communicationId ? { communication_id: new Types.ObjectId(how.communicationId) } : {}),
    tagged_lead_ids: tagged,
  };
  if (existing) {
    await rows.updateOne({ _id: existing._id }, { $set: { ...fields, history: [...(existing.history ?? []), entry] } });
    return;
  }
  try {
    await rows.create({ number, ...fields, history: [entry] });
  } catch (err) {
    // Two STOPs at once: the other one recorded it.
    if ((err as { code?: number }).code !== 11000) throw err;
  }
}

/**
 * START and its kin: the number may be texted again; the `dnc` tags its STOP added are taken back.
 * The same message (`sid`) seen again changes nothing.
 */
export async function optInNumber(ctx: TenantContext, number: string, how: { source: Source; keyword?: string; sid?: string; at?: Date }): Promise<void> {
  const at = how.at ?? new Date();
  const rows = scoped(ctx, OptOut);
  const existing = await rows.findOne({ number }).lean();
  if (!existing?.opted_out || alreadyApplied(existing, how.sid)) return;
  for (const id of existing.tagged_lead_ids ?? []) await setDncTag(ctx, id as Types.ObjectId, false);
  const entry = { opted_out: false, at, source: how.source, keyword: how.keyword, ...(how.sid ? { sid: how.sid } : {}) };
  await rows.updateOne({ _id: existing._id }, { $set: { opted_out: false, changed_at: at, source: how.source, keyword: how.keyword, tagged_lead_ids: [], history: [...(existing.history ?? []), entry] } });
}

export type OptOutView = { number: string; optedOut: boolean; changedAt: Date; source: string; keyword: string | null };

/** The company's opted-out numbers, newest first (the compliance page). */
export async function listOptOuts(ctx: TenantContext): Promise<OptOutView[]> {
  const rows = await scoped(ctx, OptOut).find({ opted_out: true }).lean();
  return rows
    .map((r) => ({ number: r.number, optedOut: r.opted_out, changedAt: r.changed_at, source: r.source ?? "keyword", keyword: r.keyword ?? null }))
    .sort((a, b) => b.changedAt.getTime() - a.changedAt.getTime());
}
