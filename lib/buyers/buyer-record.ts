import "server-only";
import { Types } from "mongoose";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { readTimeline, type TimelineEntry } from "@/lib/leads/timeline/get-lead-timeline";
import { getBuyerOrThrow } from "./buyers";
import { computeBuyerMetrics, type BuyerMetrics } from "./metrics";

/** A buyer as their page shows it: plain JSON for the client. */
export type BuyerRecord = {
  id: string;
  name: string;
  phone: string;
  email?: string;
  company?: string;
  website?: string;
  notes?: string;
  box: {
    property_types: string[];
    price_min?: number;
    price_max?: number;
    preferred_locations: string[];
    funding_type?: string;
    credit_score?: string;
    experience_level?: string;
    investment_criteria?: string;
  };
  proofOfFunds?: { fileId?: string; fileName?: string; size?: number; uploadedAt?: string; expiresAt?: string; valid: boolean };
  active: boolean;
  verified: boolean;
  tags: string[];
  lastContacted?: string;
  communicationCount: number;
  created?: string;
};

export async function getBuyerPage(ctx: TenantContext, id: string, now = new Date()): Promise<{ buyer: BuyerRecord; metrics: BuyerMetrics; timeline: TimelineEntry[]; moreTimeline: boolean }> {
  const b = await getBuyerOrThrow(ctx, id);
  const [metrics, timeline] = await Promise.all([computeBuyerMetrics(ctx, String(b._id)), readTimeline(ctx, b._id as Types.ObjectId, { entity: "buyer" })]);
  const pof = b.proof_of_funds;
  const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : undefined);
  return {
    buyer: {
      id: String(b._id),
      name: b.name,
      phone: b.phone,
      email: b.email || undefined,
      company: b.company || undefined,
      website: b.website || undefined,
      notes: b.notes || undefined,
      box: {
        property_types: b.property_types ?? [],
        price_min: b.price_range?.min ?? undefined,
        price_max: b.price_range?.max ?? undefined,
        preferred_locations: b.preferred_locations ?? [],
        funding_type: b.funding_type || undefined,
        credit_score: b.credit_score || undefined,
        experience_level: b.experience_level || undefined,
        investment_criteria: b.investment_criteria || undefined,
      },
      proofOfFunds: pof?.file_id
        ? { fileId: pof.file_id, fileName: pof.file_name, size: pof.size, uploadedAt: iso(pof.uploaded_at), expiresAt: iso(pof.expires_at), valid: Boolean(pof.expires_at && new Date(pof.expires_at) > now) }
        : undefined,
      active: b.is_active !== false,
      verified: b.is_verified === true,
      tags: b.tags ?? [],
      lastContacted: iso(b.last_contacted),
      communicationCount: b.communication_count ?? 0,
      created: iso(b.created_at),
    },
    metrics,
    timeline: timeline.entries,
    moreTimeline: timeline.hasMore,
  };
}
