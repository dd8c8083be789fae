// One seller lead: who, where, what house, how it came in, where it sits in the pipeline.
import type { Types } from "mongoose";
import { addMs, DAY, HOUR, MINUTE } from "../clock";
import type { Doc, SeedUser, TenantSeedContext } from "../context";
import { CONDITIONS, MOTIVATIONS, OCCUPANCY } from "../data/conversation";
import type { City } from "../data/places";
import { deriveLead } from "../derive";
import { createRng, hashSeed, roundPrice, type Rng } from "../random";
import { SEED } from "../seed-constants";
import { cityWeights, emailFor, estimatedValue, person, propertyDetails, uniqueAddress, uniquePhone, type Address, type PropertyDetails } from "./fake";
import { buildLeadHistory, type LeadDraft } from "./lead-history";

export const LEAD_SOURCES = [
  ["direct_mail", 20], ["cold_call", 15], ["sms_blast", 13], ["driving_for_dollars", 10], ["ppc", 9], ["website", 8],
  ["tax_delinquent", 7], ["probate", 6], ["referral", 5], ["bandit_sign", 3],
] as const;

/** Pipeline shape by lead age: fresh leads are new, old ones have been worked to an outcome. */
function statusFor(rng: Rng, ageDays: number): string {
  if (ageDays < 2) return rng.weighted([["new", 75], ["contacted", 25]]);
  if (ageDays < 14) return rng.weighted([["new", 35], ["contacted", 53], ["lost", 10], ["under_contract", 2]]);
  if (ageDays < 45) return rng.weighted([["new", 14], ["contacted", 60], ["lost", 18], ["under_contract", 4], ["closed", 3]]);
  return rng.weighted([["new", 8], ["contacted", 57], ["lost", 30], ["under_contract", 1], ["closed", 3.5]]);
}

const PRIORITIES: Record<string, [string, number][]> = {
  new: [["low", 25], ["medium", 50], ["high", 20], ["urgent", 5]],
  contacted: [["low", 25], ["medium", 45], ["high", 22], ["urgent", 8]],
  under_contract: [["low", 5], ["medium", 30], ["high", 45], ["urgent", 20]],
  closed: [["low", 10], ["medium", 50], ["high", 30], ["urgent", 10]],
  lost: [["low", 50], ["medium", 40], ["high", 8], ["urgent", 2]],
};

const STATUS_SCORE: Record<string, number> = { new: 35, contacted: 45, under_contract: 80, closed: 90, lost: 10 };
const PRIORITY_SCORE: Record<string, number> = { low: -10, medium: 0, high: 10, urgent: 15 };

function tagsFor(rng: Rng, source: string, status: string, worked: boolean): string[] {
  const tags = new Set<string>();
  if (source === "probate") {
    tags.add("probate");
    if (rng.chance(0.5)) tags.add("inherited");
  }
  if (source === "tax_delinquent") tags.add("tax-delinquent");
  if (source === "driving_for_dollars" && rng.chance(0.6)) tags.add("vacant");
  if (source === "direct_mail" && rng.chance(0.45)) tags.add("absentee-owner");
  const extras = [["pre-foreclosure", 0.06], ["needs-repairs", 0.12], ["tired-landlord", 0.05], ["divorce", 0.03], ["code-violations", 0.04], ["high-equity", 0.1]] as const;
  for (const [tag, p] of extras) if (rng.chance(p)) tags.add(tag);
  if (rng.chance(status === "under_contract" || status === "closed" ? 0.6 : status === "contacted" ? 0.12 : 0)) tags.add("motivated");
  // Only a worked lead can have replied STOP.
  if (worked && status === "lost" && rng.chance(0.12)) tags.add("dnc");
  return [...tags];
}

function followUp(rng: Rng, base: Date, created: Date, ageDays: number, status: string): Date | undefined {
  const at = (days: number) => addMs(base, days * DAY + rng.int(14 * 60, 22 * 60) * MINUTE);
  const overdue = () => new Date(Math.max(addMs(created, HOUR).getTime(), at(-rng.int(1, Math.min(14, ageDays + 1))).getTime()));
  const when = (overdueWeight: number, todayWeight: number) =>
    rng.weighted<"overdue" | "today" | "future">([["overdue", ageDays >= 1 ? overdueWeight : 0], ["today", todayWeight], ["future", 100 - overdueWeight - todayWeight]]);
  const pick = (kind: "overdue" | "today" | "future") => (kind === "overdue" ? overdue() : kind === "today" ? at(0) : at(rng.int(1, 21)));
  switch (status) {
    case "new":
      return rng.chance(0.7) ? pick(when(30, 35)) : undefined;
    case "contacted":
      return rng.chance(0.85) ? pick(when(20, 18)) : undefined;
    case "under_contract":
      return at(rng.int(1, 14));
    case "lost":
      return rng.chance(0.2) ? at(rng.int(60, 180)) : undefined;
    default:
      return undefined;
  }
}

/** What a deal needs to know about the lead it came from. */
export type LeadSummary = {
  _id: Types.ObjectId;
  status: string;
  created: Date;
  lastContacted?: Date;
  owner?: SeedUser;
  city: City;
  address: Address;
  details: PropertyDetails;
  estimatedValue: number;
};

export type LeadBuild = { lead: Doc; comms: Doc[]; activities: Doc[]; summary: LeadSummary; autoSms?: { at: Date; failed: boolean } };

/**
 * Lead number `i` of the company. Each lead draws from its own PRNG stream, so lead i is the same
 * whether 1,000 or 100,000 are seeded. `worked` leads also get their conversation and activity
 * log; the extra leads of the large data set are list entries only.
 */
export function buildLead(ctx: TenantSeedContext, i: number, worked: boolean, speedToLead?: Types.ObjectId): LeadBuild {
  const rng = createRng(hashSeed(SEED, ctx.key, "lead", i));
  const city = rng.weighted(cityWeights(ctx.cities));
  const who = person(rng);
  const phone = uniquePhone(rng, city.areaCodes, ctx.phones);
  const email = rng.chance(0.55) ? emailFor(rng, who) : undefined;
  const address = uniqueAddress(rng, city, ctx.addresses);
  const { details, sizeFactor } = propertyDetails(rng);
  const estimated_value = estimatedValue(rng, city, sizeFactor);
  const asking_price = rng.chance(0.65) ? roundPrice(estimated_value * (0.7 + rng.next() * 0.4)) : undefined;
  const source = rng.weighted(LEAD_SOURCES);

  const ageDays = Math.floor(365 * rng.next() ** 1.7);
  const created = addMs(ctx.base, -(ageDays + 1) * DAY + rng.int(13 * 60, 22 * 60 + 59) * MINUTE);
  const status = statusFor(rng, ageDays);
  const tags = tagsFor(rng, source, status, worked);
  let priority = rng.weighted(PRIORITIES[status]);
  if (tags.includes("pre-foreclosure") && rng.chance(0.5)) priority = "urgent";
  const unassigned = status === "new" && ageDays < 2 && rng.chance(0.35);
  const owner = unassigned ? undefined : ctx.key === "acme"
    ? rng.weighted([[ctx.users.reps[0], 45], [ctx.users.reps[1] ?? ctx.users.reps[0], 45], [ctx.users.admin, 10]])
    : rng.weighted([[ctx.users.reps[0], 75], [ctx.users.admin, 25]]);
  const next_follow_up = followUp(rng, ctx.base, created, ageDays, status);
  const notes = rng.chance(worked ? 0.4 : 0.15) ? `House ${rng.pick(CONDITIONS)}. Owner ${rng.pick(MOTIVATIONS)}.` : undefined;
  const custom_fields = rng.chance(0.35)
    ? { mortgage_balance: tags.includes("high-equity") ? 0 : roundPrice(estimated_value * rng.next() * 0.7), occupancy: rng.pick(OCCUPANCY), reason_for_selling: rng.pick(MOTIVATIONS) }
    : undefined;

  const _id = ctx.id("leads")(created);
  const automated = worked && !!speedToLead && status !== "new" && !!owner && source !== "referral" && ageDays < 120;
  const draft: LeadDraft = { _id, created, status, source, first: who.first, phone, street: address.street, email, estimatedValue: estimated_value, askingPrice: asking_price, owner, dnc: tags.includes("dnc"), automated, notes, nextFollowUp: next_follow_up, utcOffset: city.utcOffset };
  const history = worked ? buildLeadHistory(ctx, rng, draft) : undefined;

  const scoring = ctx.plan.settings.ai_lead_scoring;
  const score = Math.max(0, Math.min(100, STATUS_SCORE[status] + PRIORITY_SCORE[priority] + (tags.includes("motivated") ? 10 : 0) + rng.int(-10, 10)));
  const autoSms = history?.autoSms;

  const lead = deriveLead({
    _id,
    tenant_id: ctx.tenantId,
    name: who.name,
    phone,
    email,
    address: { ...address, full_address: undefined as string | undefined },
    property_details: details,
    estimated_value,
    asking_price,
    source,
    status,
    priority,
    assigned_to: owner?._id,
    tags,
    notes,
    communication_count: history?.count ?? 0,
    last_contacted: history?.lastContacted,
    next_follow_up,
    custom_fields,
    ai_tags: [] as string[],
    lead_score: scoring ? score : undefined,
    qualification_probability: scoring ? Math.max(0, Math.min(1, Math.round(score + rng.int(-8, 8)) / 100)) : undefined,
    automation_data: autoSms
      ? {
          workflow_id: speedToLead,
          last_automation_step: "send_intro_sms",
          automation_history: [
            { step: "assign_owner", executed_at: addMs(created, 20_000), result: "success" },
            { step: "send_intro_sms", executed_at: autoSms.at, result: autoSms.failed ? "failed" : "success" },
          ],
        }
      : { automation_history: [] },
    search_keys: [] as string[],
    address_key: undefined as string | undefined,
    created_at: created,
    updated_at: history?.lastEvent ?? created,
  });

  return {
    lead,
    comms: history?.comms ?? [],
    activities: history?.activities ?? [],
    summary: { _id, status, created, lastContacted: history?.lastContacted, owner, city, address: lead.address as Address, details, estimatedValue: estimated_value },
    autoSms,
  };
}
