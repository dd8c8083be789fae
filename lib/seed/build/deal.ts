// Deals: the contracts signed with sellers, who they were assigned to, what they made. Each deal
// comes from a worked lead in the matching stage, and its buyer gets the deal blast and the calls.
import { addMs, DAY, duringWorkingHours, HOUR, MINUTE } from "../clock";
import type { Doc, TenantSeedContext } from "../context";
import { BUYER_SMS_REPLIES } from "../data/conversation";
import { deriveDeal } from "../derive";
import { createRng, hashSeed, roundPrice, type Rng } from "../random";
import { SEED } from "../seed-constants";
import { cityLabel, type BuyerDraft } from "./buyer";
import { dollars } from "./fake";
import type { LeadSummary } from "./lead";
import { activityDoc } from "./lead-history";
import { analyzeDeal, DEFAULT_OFFER_RULE } from "@/lib/deals/analyzer";
import { deriveFinancials } from "@/lib/deals/financials";
import { communicationDoc, pickOutcome } from "./messages";
import { demoFileDocs, simplePdf } from "@/lib/storage/demo-files";

type DemoFileDocs = ReturnType<typeof demoFileDocs>;

const CANCEL_REASONS = [
  "Seller backed out after the family objected.",
  "Title search found liens larger than the equity.",
  "Inspection found foundation damage; could not renegotiate.",
  "No buyer at our price within the inspection period.",
] as const;

export type DealBuild = { deal: Doc; comms: Doc[]; activities: Doc[]; closedOn?: Date; profit?: number; city: string; files: DemoFileDocs[] };

export function buildDeal(ctx: TenantSeedContext, lead: LeadSummary, buyers: BuyerDraft[]): DealBuild {
  const rng = createRng(hashSeed(SEED, ctx.key, "deal", lead._id.toHexString()));
  const latest = addMs(ctx.base, -HOUR);
  const lastTouch = lead.lastContacted ?? addMs(lead.created, 10 * DAY);
  const status = lead.status === "closed" ? "closed" : lead.status === "lost" ? "cancelled" : rng.chance(0.7) ? "under_contract" : "pending";
  const deal_type = rng.weighted([["wholesale", 82], ["flip", 12], ["buy_and_hold", 6]] as const);
  const earliest = (d: Date, days: number) => new Date(Math.max(d.getTime(), addMs(lead.created, days * DAY).getTime()));

  // Timeline: a closed deal closed around the last contact; an open one closes in the coming weeks.
  let contract: Date | undefined;
  let closing: Date | undefined;
  if (status === "closed") {
    closing = lastTouch;
    contract = earliest(addMs(closing, -rng.int(14, 35) * DAY), 1);
  } else if (status === "under_contract" || status === "pending") {
    // Pending: under contract with the seller, no buyer found yet.
    contract = earliest(addMs(lastTouch, -rng.int(0, 3) * DAY), 1);
    closing = addMs(ctx.base, rng.int(5, 40) * DAY + 15 * HOUR);
  } else if (status === "cancelled") {
    contract = earliest(addMs(lastTouch, -rng.int(10, 20) * DAY), 1);
  }
  const createdAt = contract ?? lastTouch;

  const repairs = roundPrice(lead.estimatedValue * (0.05 + rng.next() * 0.2));
  const purchase = Math.max(15_000, roundPrice(lead.estimatedValue * (0.55 + rng.next() * 0.17) - repairs));
  const wantsBuyer = deal_type === "wholesale" && status !== "pending";
  const pool = buyers.filter((b) => b.active);
  const local = pool.filter((b) => b.locations.includes(cityLabel(lead.city)));
  const buyer = wantsBuyer ? rng.pick(local.length ? local : pool) : undefined;

  const financials: Record<string, number | undefined> = { purchase_price: purchase };
  const timeline: Record<string, Date | undefined> = { contract_date: contract, closing_date: closing };
  let notes: string | undefined;
  if (deal_type === "wholesale") {
    const fee = roundPrice(7_000 + rng.next() * 28_000);
    if (buyer) {
      financials.sale_price = purchase + fee;
      financials.assignment_fee = fee;
      financials.closing_costs = Math.round(rng.int(0, 25)) * 100;
      notes = `Assigned to ${buyer.label} for a ${dollars(fee)} fee. Buyer's rehab estimate ${dollars(repairs)}.`;
    }
  } else {
    financials.rehab_cost = roundPrice(repairs * 1.1);
    financials.closing_costs = rng.int(15, 35) * 100;
    financials.holding_costs = rng.int(20, 90) * 100;
    if (deal_type === "flip" && closing && status === "closed") {
      timeline.rehab_start_date = addMs(closing, rng.int(3, 10) * DAY);
      timeline.rehab_end_date = addMs(timeline.rehab_start_date, rng.int(30, 75) * DAY);
      timeline.listing_date = addMs(timeline.rehab_end_date, rng.int(3, 10) * DAY);
      timeline.sale_date = addMs(timeline.listing_date, rng.int(20, 60) * DAY);
      for (const k of ["rehab_start_date", "rehab_end_date", "listing_date", "sale_date"]) if (timeline[k]! > latest) timeline[k] = undefined;
      if (timeline.sale_date) {
        const sale = roundPrice(lead.estimatedValue * (0.95 + rng.next() * 0.08));
        financials.sale_price = sale;
        financials.closing_costs += roundPrice(sale * 0.06);
      }
    }
  }
  // Profit and ROI as the app derives them (lib/deals/financials.ts).
  const derived = deriveFinancials(deal_type, financials);
  if (derived.profit !== null) financials.profit = derived.profit;
  if (derived.roi !== null) financials.roi = derived.roi;
  const cancel_reason = status === "cancelled" ? rng.pick(CANCEL_REASONS) : undefined;
  // The analyzer's run saved when the deal was opened: ARV from the lead, at the default rule.
  const fee = financials.assignment_fee ?? 10_000;
  const run = analyzeDeal({ arv: lead.estimatedValue, repairs, offerRule: DEFAULT_OFFER_RULE, assignmentFee: fee, contractPrice: purchase });
  const analysis = { arv: lead.estimatedValue, repairs, offer_rule: DEFAULT_OFFER_RULE, assignment_fee: fee, mao: run.mao, offer_to_seller: run.offerToSeller, spread: run.spread ?? undefined, analyzed_at: createdAt };

  const _id = ctx.id("deals")(createdAt);
  // Real (tiny) PDFs kept as the storage keeps uploads: a stored_files record and GridFS blobs.
  const files: DemoFileDocs[] = [];
  const place = [lead.address.street, lead.address.city, lead.address.state].filter(Boolean).join(", ");
  const doc = (title: string, file: string, at: Date, type: "contract" | "other") => {
    const fileId = ctx.id("stored_files")(at);
    const bytes = simplePdf(title, [`${ctx.companyName} - demo document`, `Property: ${place}`, `Dated ${at.toISOString().slice(0, 10)}`, "Generated by the DealCycle demo seed. Not a real contract."]);
    files.push(demoFileDocs({ id: fileId, tenantId: ctx.tenantId, owner: { type: "deal", id: _id }, filename: file, bytes, at, uploadedBy: ctx.users.dispo._id }));
    return { file_id: fileId, name: file, url: `/deals/${_id.toHexString()}/documents/${fileId.toHexString()}`, type, content_type: "application/pdf", size: bytes.length, uploaded_at: at, uploaded_by: ctx.users.dispo._id };
  };
  const documents = [];
  if (contract && status !== "cancelled") documents.push(doc("Purchase and sale agreement", "Purchase and sale agreement.pdf", contract, "contract"));
  if (status === "closed" && closing && buyer) documents.push(doc("Assignment of contract", "Assignment of contract.pdf", addMs(closing, -rng.int(5, 10) * DAY), "contract"));
  if (status === "closed" && closing) documents.push(doc("Settlement statement", "Settlement statement.pdf", closing, "other"));

  const { comms, lastBlast } = buyer && contract ? dealBlast(ctx, rng, lead, buyer, buyers, contract, financials.sale_price ?? purchase) : { comms: [], lastBlast: undefined };
  const cancelledAt = status === "cancelled" ? lastTouch : undefined;
  const updated = [createdAt, closing && closing <= latest ? closing : undefined, cancelledAt, lastBlast, timeline.sale_date]
    .filter((d): d is Date => !!d)
    .reduce((a, b) => (b > a ? b : a));

  const dispo = ctx.users.dispo;
  const activities = [activityDoc(ctx, rng, { at: createdAt, user: dispo, type: "deal_created", entity_type: "deal", entity_id: _id, description: `Deal opened at ${dollars(purchase)}`, metadata: { lead_id: lead._id, deal_type } })];
  if (status === "closed" && closing) activities.push(activityDoc(ctx, rng, { at: closing, user: dispo, type: "deal_closed", entity_type: "deal", entity_id: _id, description: "Deal closed", metadata: { profit: financials.profit ?? null } }));
  if (cancelledAt) activities.push(activityDoc(ctx, rng, { at: cancelledAt, user: dispo, type: "deal_cancelled", entity_type: "deal", entity_id: _id, description: `Cancelled: ${cancel_reason}`, metadata: { reason: cancel_reason } }));

  const deal = deriveDeal({
    _id,
    tenant_id: ctx.tenantId,
    lead_id: lead._id,
    buyer_id: buyer?.doc._id,
    assigned_to: dispo._id,
    status,
    deal_type,
    property_address: { ...lead.address },
    property_details: { ...lead.details },
    financials,
    timeline,
    analysis,
    notes,
    cancel_reason,
    documents,
    created_at: createdAt,
    updated_at: updated,
  });
  return { deal, comms, activities, closedOn: status === "closed" ? closing : undefined, profit: status === "closed" ? financials.profit : undefined, city: lead.city.city, files };
}

/** The text blast to the buyers list after a contract is signed, the replies, and the call with the buyer who took it. */
function dealBlast(ctx: TenantSeedContext, rng: Rng, lead: LeadSummary, buyer: BuyerDraft, buyers: BuyerDraft[], contract: Date, price: number) {
  const latest = addMs(ctx.base, -HOUR);
  const at = (d: Date) => (d > latest ? latest : d);
  const sentAt = at(duringWorkingHours(addMs(contract, rng.int(2, 24) * HOUR), lead.city.utcOffset));
  const others = rng.sample(buyers.filter((b) => b.active && b !== buyer && b.city.state === lead.city.state), rng.int(5, 11));
  const d = lead.details;
  const what = d.bedrooms ? `${d.bedrooms}bd/${d.bathrooms}ba ${d.type.replace("_", " ")}` : d.type.replace("_", " ");
  const content = `New deal: ${what} in ${lead.city.city} ${lead.address.zip_code}. ARV ${dollars(lead.estimatedValue)}, price ${dollars(price)}. Reply YES for the address and photos.`;
  const sender_id = ctx.users.dispo._id;
  const comms: Doc[] = [];
  let last = sentAt;
  for (const b of [buyer, ...others]) {
    const recipient = { recipient_type: "buyer" as const, recipient_id: b.doc._id };
    comms.push(communicationDoc(ctx, rng, { type: "sms", direction: "outbound", ...recipient, sender_id, content, at: sentAt, outcome: pickOutcome(rng, "sms", "outbound") }));
    if (b === buyer || rng.chance(0.35)) {
      const replyAt = at(addMs(sentAt, rng.int(5, 360) * MINUTE));
      comms.push(communicationDoc(ctx, rng, { type: "sms", direction: "inbound", ...recipient, content: b === buyer ? BUYER_SMS_REPLIES[5] : rng.pick(BUYER_SMS_REPLIES), at: replyAt, outcome: pickOutcome(rng, "sms", "inbound") }));
      last = replyAt > last ? replyAt : last;
    }
  }
  const callAt = at(addMs(last, rng.int(10, 120) * MINUTE));
  comms.push(communicationDoc(ctx, rng, {
    type: "call", direction: "outbound", recipient_type: "buyer", recipient_id: buyer.doc._id, sender_id,
    content: `Walked ${buyer.label} through ${lead.address.street}; they will take it at ${dollars(price)}.`, at: callAt,
    outcome: { status: "answered", twilio_status: "completed", duration: rng.int(120, 900) },
  }));
  return { comms, lastBlast: callAt > last ? callAt : last };
}
