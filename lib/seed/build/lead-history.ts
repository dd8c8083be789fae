// The conversation with one seller: texts, calls and e-mails in a plausible order, and the
// activity-log entries for what the rep did. Communication counts on the lead come from here.
import type { Types } from "mongoose";
import { LEAD_ACTIVITY } from "@/lib/leads/activity-types";
import { addMs, DAY, duringWorkingHours, HOUR, MINUTE } from "../clock";
import type { Doc, SeedUser, TenantSeedContext } from "../context";
import { CONDITIONS, MISSED_CALL_NOTES, MOTIVATIONS, SELLER_EMAIL_REPLIES, SELLER_OFFER_REPLIES, SELLER_SMS_REPLIES } from "../data/conversation";
import { roundPrice, type Rng } from "../random";
import { dollars } from "./fake";
import { communicationDoc, pickOutcome, scheduledSmsDoc, applyTemplate, type Channel, type Direction } from "./messages";

export type LeadDraft = {
  _id: Types.ObjectId;
  created: Date;
  status: string;
  source: string;
  first: string;
  phone: string;
  street: string;
  email?: string;
  estimatedValue: number;
  askingPrice?: number;
  owner?: SeedUser;
  dnc: boolean;
  automated: boolean;
  notes?: string;
  nextFollowUp?: Date;
  /** The property's UTC offset: messages go out in the seller's working hours. */
  utcOffset: number;
};

export type LeadHistory = {
  comms: Doc[];
  activities: Doc[];
  /** Communications that happened (scheduled ones excluded), and the latest of them. */
  count: number;
  lastContacted?: Date;
  /** When the speed-to-lead automation sent its text, and whether it failed. */
  autoSms?: { at: Date; failed: boolean };
  lastEvent: Date;
};

const MESSAGES_BY_STATUS: Record<string, [number, number]> = {
  contacted: [2, 9],
  under_contract: [6, 14],
  closed: [7, 16],
  lost: [1, 7],
};

/**
 * n increasing instants from `start`, mostly a day or two apart, moved into the seller's working
 * hours and squeezed to end before `end`.
 */
function eventTimes(rng: Rng, start: Date, n: number, end: Date, utcOffset: number): Date[] {
  const gaps = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : (0.05 + rng.next() ** 2 * 5) * DAY));
  const total = gaps.reduce((a, b) => a + b, 0);
  const room = end.getTime() - start.getTime();
  const scale = total > room ? room / total : 1;
  let t = start.getTime();
  let previous = 0;
  return gaps.map((g) => {
    t += g * scale;
    const at = Math.min(Math.max(duringWorkingHours(new Date(t), utcOffset).getTime(), previous + MINUTE), end.getTime());
    previous = Math.floor(at / 1000) * 1000;
    return new Date(previous);
  });
}

type Step = { type: Channel; direction: Direction; template?: string; stop?: boolean };

function plan(rng: Rng, d: LeadDraft, n: number): Step[] {
  const steps: Step[] = [];
  const first: Step = d.automated || rng.chance(0.6)
    ? { type: "sms", direction: "outbound", template: d.source === "probate" ? "sms_probate" : "sms_intro" }
    : { type: "call", direction: "outbound", template: "call_cold" };
  steps.push(first);
  while (steps.length < n) {
    const prev = steps[steps.length - 1];
    if (prev.direction === "outbound" && rng.chance(0.45)) {
      steps.push({ type: prev.type === "call" ? (rng.chance(0.3) ? "call" : "sms") : prev.type, direction: "inbound" });
      continue;
    }
    const type = rng.weighted([["sms", 50], ["call", 40], ["email", d.email ? 10 : 0]] as [Channel, number][]);
    steps.push({ type, direction: "outbound", template: type === "sms" ? "sms_follow_up" : type === "email" ? "email_follow_up" : undefined });
  }
  if (d.status === "under_contract" || d.status === "closed") {
    const offerAt = Math.max(1, Math.floor(n * 0.6));
    steps[offerAt] = d.email && rng.chance(0.4) ? { type: "email", direction: "outbound", template: "email_offer" } : { type: "sms", direction: "outbound", template: "sms_offer" };
    if (offerAt > 2) steps[offerAt - 1] = { type: "sms", direction: "outbound", template: "sms_appointment" };
  }
  if (d.dnc) {
    steps[Math.max(0, n - 2)] = { type: "sms", direction: "outbound", template: "sms_follow_up" };
    steps[n - 1] = { type: "sms", direction: "inbound", stop: true };
  }
  return steps;
}

export function buildLeadHistory(ctx: TenantSeedContext, rng: Rng, d: LeadDraft): LeadHistory {
  const comms: Doc[] = [];
  const activities: Doc[] = [];
  const end = addMs(ctx.base, -30 * MINUTE);
  const sender = d.owner ?? ctx.users.admin;
  const offer = dollars(roundPrice(d.estimatedValue * (0.6 + rng.next() * 0.1)));
  const values = { first_name: d.first, agent_name: sender.first_name, property_address: d.street, offer_amount: offer };

  let n = 0;
  if (d.status === "new") {
    // A reply to a text blast or a call about a letter, not yet worked by a rep.
    n = (d.source === "sms_blast" && rng.chance(0.5)) || (d.source === "direct_mail" && rng.chance(0.3)) ? 1 : 0;
  } else {
    const [lo, hi] = MESSAGES_BY_STATUS[d.status];
    n = Math.max(rng.int(lo, hi), d.dnc ? 2 : 1);
  }
  const delay = d.automated ? rng.int(1, 3) * MINUTE : rng.int(10, 18 * 60) * MINUTE;
  const start = new Date(Math.min(d.created.getTime() + delay, d.created.getTime() + (end.getTime() - d.created.getTime()) / 2));
  const times = eventTimes(rng, start, n, end, d.utcOffset);
  const steps: Step[] = d.status === "new" ? (n ? [{ type: d.source === "sms_blast" ? "sms" : "call", direction: "inbound" }] : []) : plan(rng, d, n);

  let offered = false;
  let coldCallUsed = false;
  let qualifyUsed = false;
  let autoSms: LeadHistory["autoSms"];
  steps.forEach((step, i) => {
    const outcome = pickOutcome(rng, step.type, step.direction);
    let content: string;
    if (step.stop) content = "STOP";
    else if (step.type === "sms") {
      content = step.direction === "inbound"
        ? rng.pick(offered ? SELLER_OFFER_REPLIES : SELLER_SMS_REPLIES)
        : (applyTemplate(ctx, step.template ?? "sms_follow_up", { ...values, appointment_time: appointmentTime(times[i]) }) ??
          `Hi ${d.first}, it's ${sender.first_name} again about ${d.street}. Any questions about our offer?`);
    } else if (step.type === "email") {
      content = step.direction === "inbound" ? rng.pick(SELLER_EMAIL_REPLIES) : (applyTemplate(ctx, step.template ?? "email_follow_up", values) ?? `Hi ${d.first}, following up about ${d.street}.`);
    } else {
      if (step.direction === "outbound" && !coldCallUsed && applyTemplate(ctx, "call_cold", values)) coldCallUsed = true;
      content = callNote(rng, d, step.direction, outcome.status === "answered");
      if (step.direction === "outbound" && outcome.status === "answered" && !qualifyUsed && applyTemplate(ctx, "call_qualify", values)) qualifyUsed = true;
    }
    const doc = communicationDoc(ctx, rng, { type: step.type, direction: step.direction, recipient_type: "lead", recipient_id: d._id, sender_id: sender._id, content, at: times[i], outcome });
    comms.push(doc);
    if (step.template === "sms_offer" || step.template === "email_offer") offered = true;
    if (i === 0 && d.automated && step.type === "sms") autoSms = { at: times[i], failed: outcome.status === "failed" };
  });

  const lastContacted = times[times.length - 1];
  if (d.nextFollowUp && d.nextFollowUp > ctx.base && d.status === "contacted" && rng.chance(0.15)) {
    const content = applyTemplate(ctx, "sms_follow_up", values) ?? `Hi ${d.first}, checking in about ${d.street}.`;
    comms.push(scheduledSmsDoc(ctx, { recipient_id: d._id, to: d.phone, sender_id: sender._id, content, scheduledAt: d.nextFollowUp, createdAt: lastContacted ?? d.created }));
  }

  activities.push(...leadActivities(ctx, rng, d, times));
  const lastEvent = [d.created, ...times].reduce((a, b) => (b > a ? b : a));
  return { comms, activities, count: times.length, lastContacted, autoSms, lastEvent };
}

function callNote(rng: Rng, d: LeadDraft, direction: Direction, answered: boolean): string {
  if (!answered) return direction === "outbound" ? rng.pick(MISSED_CALL_NOTES) : "Missed call from the seller.";
  const ask = d.askingPrice ? ` Wants about ${dollars(d.askingPrice)}.` : " Would not name a price yet.";
  const opener = direction === "outbound" ? `Spoke with ${d.first}.` : `${d.first} called back.`;
  return `${opener} The house ${rng.pick(CONDITIONS)}; seller ${rng.pick(MOTIVATIONS)}.${ask}`;
}

function appointmentTime(from: Date): string {
  const at = addMs(from, 2 * DAY);
  const day = at.toLocaleDateString("en-US", { weekday: "long", timeZone: "UTC" });
  return `${day} at ${10 + (at.getUTCDate() % 6)}:00`;
}

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
] as const;

/** An activity-log entry; `user` absent means the system (a web form, an import job) did it. */
export function activityDoc(ctx: TenantSeedContext, rng: Rng, a: { at: Date; user?: SeedUser; type: string; entity_type: string; entity_id: Types.ObjectId; description: string; metadata?: Record<string, unknown> }): Doc {
  const userIndex = a.user ? ctx.users.all.indexOf(a.user) : -1;
  return {
    _id: ctx.id("activities")(a.at),
    tenant_id: ctx.tenantId,
    user_id: a.user?._id,
    actor: a.user ? { kind: "member", id: a.user._id, label: a.user.name } : { kind: "system", source: "job", label: "System" },
    type: a.type,
    entity_type: a.entity_type,
    entity_id: a.entity_id,
    description: a.description,
    metadata: a.metadata,
    // Documentation address ranges (RFC 5737): plausible, never a real client.
    ip_address: a.user ? `203.0.113.${20 + userIndex}` : undefined,
    user_agent: a.user ? USER_AGENTS[(userIndex + rng.int(0, 1)) % USER_AGENTS.length] : undefined,
    created_at: a.at,
  };
}

const SOURCE_LABEL: Record<string, string> = {
  driving_for_dollars: "driving for dollars", cold_call: "a cold-call list", direct_mail: "a direct-mail campaign", ppc: "a Google Ads form",
  website: "the website form", referral: "a referral", probate: "a probate list", tax_delinquent: "a tax-delinquent list", sms_blast: "an SMS campaign",
  bandit_sign: "a bandit sign",
};
const SELF_SERVE = new Set(["website", "ppc", "sms_blast"]);

function leadActivities(ctx: TenantSeedContext, rng: Rng, d: LeadDraft, times: Date[]): Doc[] {
  const out: Doc[] = [];
  const add = (at: Date, type: string, description: string, metadata?: Record<string, unknown>, user = d.owner) =>
    out.push(activityDoc(ctx, rng, { at, user, type, entity_type: "lead", entity_id: d._id, description, metadata }));
  add(d.created, LEAD_ACTIVITY.created, `Lead from ${SOURCE_LABEL[d.source] ?? d.source}`, { source: d.source }, SELF_SERVE.has(d.source) ? undefined : ctx.users.admin);
  if (d.owner) add(addMs(d.created, MINUTE), LEAD_ACTIVITY.assigned, `Assigned to ${d.owner.name}`, { assigned_to: d.owner._id }, d.automated ? undefined : ctx.users.admin);
  if (d.status === "new" || !times.length) return out;
  const change = (at: Date, from: string, to: string) => add(at, LEAD_ACTIVITY.statusChanged, `Status ${from.replace("_", " ")} → ${to.replace("_", " ")}`, { from, to });
  change(times[0], "new", "contacted");
  const last = times[times.length - 1];
  if (d.status === "under_contract" || d.status === "closed") change(times[Math.max(1, Math.floor(times.length * 0.6))] ?? last, "contacted", "under_contract");
  if (d.status === "closed") change(last, "under_contract", "closed");
  if (d.status === "lost") change(last, "contacted", "lost");
  if (d.notes) add(new Date(Math.min(addMs(times[0], HOUR).getTime(), last.getTime())), LEAD_ACTIVITY.noteAdded, "Added a note", { length: d.notes.length });
  return out;
}
