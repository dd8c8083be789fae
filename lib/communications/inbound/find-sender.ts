import "server-only";
import { randomBytes } from "node:crypto";
import { Types } from "mongoose";
import { scoped } from "@/lib/core/db/scoped";
import { getRedis, redisKeyPrefix } from "@/lib/core/redis";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createLead } from "@/lib/leads/write/create-lead";
import type { LeadInput } from "@/lib/zod/schemas/lead";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";

export type Party = { kind: "lead" | "buyer"; id: Types.ObjectId; created: boolean };

const LOCK_MS = 15_000;

/**
 * Who texted or called the company, by E.164: a lead with that number (primary or any of its
 * phones; the most recently updated when several), else a buyer, else a new lead with source
 * `inbound_sms` / `inbound_call` so no conversation is lost. The new lead is made once: two texts
 * from an unknown number worked at the same time (by one worker or two) wait for each other here,
 * and the second finds the lead the first made.
 */
export async function findOrCreateSender(ctx: TenantContext, number: string, source: "inbound_sms" | "inbound_call"): Promise<Party> {
  const known = await findSender(ctx, number);
  if (known) return known;
  return withNumberLock(ctx, number, async () => {
    const meanwhile = await findSender(ctx, number);
    if (meanwhile) return meanwhile;
    const input = { name: `New contact ${number}`, phone: number, source, status: "new" } as unknown as LeadInput;
    const created = await createLead(ctx, input, { allowDuplicate: true });
    if (!created.created) throw new Error("a lead for an inbound contact was not created");
    return { kind: "lead", id: new Types.ObjectId(created.id), created: true };
  });
}

async function findSender(ctx: TenantContext, number: string): Promise<Party | null> {
  // Every number of a lead is in its indexed search_keys (as digits): one plain equality, which
  // FerretDB filters in PostgreSQL; `"phones.number"` it filters only after decoding every lead of
  // the company. The candidates are then checked against their stored numbers.
  const candidates = (await scoped(ctx, Lead).find({ search_keys: number.replace(/\D/g, "") }, { _id: 1, updated_at: 1, phone: 1, phones: 1 }).lean()) as {
    _id: Types.ObjectId;
    updated_at?: Date;
    phone?: string | null;
    phones?: { number?: string | null }[] | null;
  }[];
  const leads = candidates.filter((l) => l.phone === number || l.phones?.some((p) => p?.number === number));
  if (leads.length) {
    leads.sort((a, b) => (b.updated_at?.getTime() ?? 0) - (a.updated_at?.getTime() ?? 0));
    return { kind: "lead", id: leads[0]._id, created: false };
  }
  const buyer = await scoped(ctx, Buyer).findOne({ phone: number }, { _id: 1 }).lean();
  return buyer ? { kind: "buyer", id: buyer._id as Types.ObjectId, created: false } : null;
}

/** One holder at a time per company and number (in Redis, so across workers); a stuck holder expires. */
async function withNumberLock<T>(ctx: TenantContext, number: string, fn: () => Promise<T>): Promise<T> {
  const redis = getRedis();
  const key = `${redisKeyPrefix()}:lock:inbound-sender:${ctx.tenantId}:${number}`;
  const token = randomBytes(8).toString("hex");
  const deadline = Date.now() + LOCK_MS;
  for (let attempt = 0; (await redis.set(key, token, "PX", LOCK_MS, "NX")) !== "OK"; attempt++) {
    if (Date.now() > deadline) throw new Error(`another job is still creating the lead for ${number}; this one retries`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 5 + attempt * 5)));
  }
  try {
    return await fn();
  } finally {
    await redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`, 1, key, token).catch(() => undefined);
  }
}
