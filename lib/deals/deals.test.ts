// Deal writes on the real database: creation from a lead, the status machine and the lead kept in
// step, derived financials, date order, buyers, permissions and another company's ids.
import { describe, expect, it } from "vitest";
import { Types } from "mongoose";
import { effectivePermissions } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { toFailure } from "@/lib/core/errors-response";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { Activity } from "@/models/activity";
import { Buyer } from "@/models/buyer";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { findDeal, getDealOrThrow } from "./get-deal";
import { listDeals, getDealBoard } from "./list/list-deals";
import { emptyDealQuery } from "./list/deal-list-query";
import { setOfferRule } from "./offer-rule";
import { changeDealStatusSchema, createDealSchema, updateDealSchema } from "./schemas";
import { assignDealBuyer } from "./write/assign-deal-buyer";
import { changeDealStatus } from "./write/change-deal-status";
import { createDealFromLead } from "./write/create-deal";
import { saveDealAnalysis } from "./write/save-deal-analysis";
import { updateDeal } from "./write/update-deal";

async function failureOf(p: Promise<unknown> | (() => Promise<unknown>)) {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (err) {
    return toFailure(err);
  }
  throw new Error("expected a failure");
}

let n = 0;
async function setup() {
  const ws = await createWorkspace();
  n += 1;
  const dispoUser = await scoped(ws.admin, User).create({ email: `dispo${n}-${Date.now()}@x.com`, name: "Dee Dispo", role: "disposition_manager" });
  const dispo: TenantContext = { tenantId: ws.admin.tenantId, userId: String(dispoUser._id), role: "disposition_manager", permissions: effectivePermissions("disposition_manager") };
  const lead = await scoped(ws.admin, Lead).create({
    name: "Maria Lopez",
    phone: `+1214555${String(1000 + n).slice(-4)}`,
    status: "contacted",
    assigned_to: new Types.ObjectId(ws.ids.rep),
    estimated_value: 200_000,
    address: { street: "12 Oak Street", city: "Dallas", state: "TX", zip_code: "75201", county: "Dallas" },
    property_details: { type: "single_family", bedrooms: 3, bathrooms: 2, square_feet: 1450, year_built: 1978 },
  });
  const buyer = await scoped(ws.admin, Buyer).create({ name: "Cash Carl", phone: `+1972555${String(1000 + n).slice(-4)}`, property_types: ["single_family"] });
  return { ws, dispo, lead, buyer, leadId: String(lead._id) };
}

const leadStatus = async (ctx: TenantContext, id: unknown) => (await scoped(ctx, Lead).findById(String(id)).lean())!.status;

describe("creating a deal from a lead", () => {
  it("copies the property, saves the analyzer run at the workspace rule, and puts the lead under contract", async () => {
    const { ws, dispo, leadId } = await setup();
    await setOfferRule(ws.admin, 65);
    const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId, deal_type: "wholesale", purchase_price: "95,000", arv: "200000", repairs: "25000", assignment_fee: "10000" }));
    const deal = await getDealOrThrow(dispo, id);
    expect(deal).toMatchObject({
      status: "pending",
      deal_type: "wholesale",
      address: { street: "12 Oak Street", city: "Dallas", zip_code: "75201", full_address: "12 Oak Street, Dallas, TX 75201" },
      property_details: { type: "single_family", bedrooms: 3, square_feet: 1450 },
      financials: { purchase_price: 95_000, assignment_fee: 10_000, profit: 10_000, roi: 10.5 },
      analysis: { arv: 200_000, repairs: 25_000, offer_rule: 65, mao: 105_000, offer_to_seller: 95_000, spread: 10_000 },
    });
    expect(await leadStatus(ws.admin, leadId)).toBe("under_contract");
    expect(await scoped(ws.admin, Activity).countDocuments({ entity_type: "deal", entity_id: new Types.ObjectId(id), type: "deal_created" })).toBe(1);
    expect(await scoped(ws.admin, Activity).countDocuments({ entity_type: "lead", entity_id: new Types.ObjectId(leadId), type: "lead_status_changed" })).toBe(1);
    // One live deal per lead.
    const again = await failureOf(createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId })));
    expect(again).toMatchObject({ code: "conflict", fieldErrors: { lead_id: ["This lead already has a deal"] } });
  });

  it("refuses bad input naming the field, and saves nothing", async () => {
    const { ws, dispo, leadId } = await setup();
    const bad = createDealSchema.safeParse({ lead_id: leadId, deal_type: "timeshare", purchase_price: "-5", arv: "lots" });
    expect(bad.success).toBe(false);
    const fields = Object.keys(toFailure(bad.error).fieldErrors ?? {});
    expect(fields.sort()).toEqual(["arv", "deal_type", "purchase_price"]);
    expect(toFailure(bad.error).fieldErrors?.purchase_price).toEqual(["Purchase price cannot be negative"]);
    const huge = updateDealSchema.safeParse({ deal_id: leadId, deal_type: "flip", notes: "x".repeat(10_000_000) });
    expect(toFailure(huge.error).fieldErrors?.notes).toEqual(["Notes must be at most 20000 characters"]);
    expect(changeDealStatusSchema.safeParse({ deal_id: leadId, status: "won" }).success).toBe(false);
    expect(await scoped(ws.admin, Deal).countDocuments({})).toBe(0);
    expect(await leadStatus(dispo, leadId)).toBe("contacted");
  });
});

describe("the deal's life", () => {
  it("moves pending → under contract → closed with the lead in step, profit and ROI derived, buyer kept for metrics", async () => {
    const { ws, dispo, leadId, buyer } = await setup();
    const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId, purchase_price: "100000" }));
    await changeDealStatus(dispo, id, "under_contract");
    expect((await getDealOrThrow(dispo, id)).timeline.contract_date).not.toBeNull();
    // A wholesale deal closes only with its buyer.
    expect(await failureOf(changeDealStatus(dispo, id, "closed"))).toMatchObject({ fieldErrors: { buyer_id: ["Assign a buyer before closing"] } });
    await assignDealBuyer(dispo, id, String(buyer._id));
    const form = updateDealSchema.parse({ deal_id: id, deal_type: "wholesale", purchase_price: "100000", sale_price: "115000", assignment_fee: "15000", closing_costs: "1000", contract_date: "2026-03-01", closing_date: "2026-03-20" });
    await updateDeal(dispo, id, form);
    await changeDealStatus(dispo, id, "closed");
    const deal = await getDealOrThrow(dispo, id);
    expect(deal).toMatchObject({ status: "closed", buyer_id: String(buyer._id), financials: { profit: 14_000, roi: 13.9, sale_price: 115_000, assignment_fee: 15_000 } });
    expect(deal.timeline.closing_date?.slice(0, 10)).toBe("2026-03-20");
    expect(await leadStatus(dispo, leadId)).toBe("closed");
    // Closed is final.
    expect(await failureOf(changeDealStatus(dispo, id, "cancelled", "changed our mind"))).toMatchObject({ code: "bad_request", fieldErrors: { status: ["Cannot move from closed to cancelled"] } });
    const types = (await scoped(dispo, Activity).find({ entity_type: "deal", entity_id: new Types.ObjectId(id) }).lean()).map((a) => a.type).sort();
    // Going under contract dated the contract: one status change and one update of the date.
    expect(types).toEqual(["deal_buyer_assigned", "deal_closed", "deal_created", "deal_status_changed", "deal_updated", "deal_updated"]);
  });

  it("cancels only with a reason, sends the lead back to contacted, and reopens", async () => {
    const { dispo, leadId } = await setup();
    const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId }));
    expect(await failureOf(changeDealStatus(dispo, id, "cancelled", "  "))).toMatchObject({ fieldErrors: { cancel_reason: ["Say why the deal is cancelled"] } });
    expect(changeDealStatusSchema.safeParse({ deal_id: id, status: "cancelled" }).error?.issues[0]?.path).toEqual(["cancel_reason"]);
    await changeDealStatus(dispo, id, "cancelled", "Seller backed out");
    expect(await getDealOrThrow(dispo, id)).toMatchObject({ status: "cancelled", cancel_reason: "Seller backed out" });
    expect(await leadStatus(dispo, leadId)).toBe("contacted");
    await changeDealStatus(dispo, id, "pending");
    expect(await getDealOrThrow(dispo, id)).toMatchObject({ status: "pending", cancel_reason: null });
    expect(await leadStatus(dispo, leadId)).toBe("under_contract");
  });

  it("refuses dates out of order and negative amounts, naming the field, and keeps the deal as it was", async () => {
    const { dispo, leadId } = await setup();
    const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId, purchase_price: "90000" }));
    const before = await getDealOrThrow(dispo, id);
    const late = updateDealSchema.parse({ deal_id: id, deal_type: "flip", purchase_price: "90000", contract_date: "2026-05-10", closing_date: "2026-05-01", rehab_start_date: "2026-06-10", rehab_end_date: "2026-06-01" });
    expect(await failureOf(updateDeal(dispo, id, late))).toMatchObject({
      code: "bad_request",
      fieldErrors: { closing_date: ["Closing date cannot be before the contract date"], rehab_end_date: ["Rehab end cannot be before the rehab start"] },
    });
    expect(updateDealSchema.safeParse({ deal_id: id, deal_type: "flip", sale_price: "-1" }).error?.issues[0]).toMatchObject({ path: ["sale_price"], message: "Sale price cannot be negative" });
    const after = await getDealOrThrow(dispo, id);
    expect(after).toEqual(before);
  });

  it("still moves a deal whose documents were stored under an older shape", async () => {
    const { dispo, leadId } = await setup();
    const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId }));
    await Deal.collection.updateOne({ _id: new Types.ObjectId(id) }, { $set: { documents: [{ name: "Purchase agreement", url: "https://files.example/pa.pdf", type: "application/pdf" }] } });
    await changeDealStatus(dispo, id, "under_contract");
    expect((await getDealOrThrow(dispo, id)).status).toBe("under_contract");
  });

  it("re-runs the analyzer against the contract price", async () => {
    const { dispo, leadId } = await setup();
    const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId, purchase_price: "100000" }));
    await saveDealAnalysis(dispo, id, { arv: 200_000, repairs: 20_000, assignment_fee: 12_000 });
    expect((await getDealOrThrow(dispo, id)).analysis).toMatchObject({ offer_rule: 70, mao: 120_000, offer_to_seller: 108_000, spread: 20_000 });
  });
});

describe("who may see and change deals", () => {
  it("a rep sees the deals of their own leads read-only; another rep sees nothing", async () => {
    const { ws, dispo, leadId } = await setup();
    const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId }));
    expect((await getDealOrThrow(ws.rep, id)).id).toBe(id);
    expect((await listDeals(ws.rep, emptyDealQuery())).rows.map((r) => r.id)).toEqual([id]);
    expect(await findDeal(ws.rep2, id)).toBeNull();
    expect((await listDeals(ws.rep2, emptyDealQuery())).total).toBe(0);
    for (const attempt of [() => changeDealStatus(ws.rep, id, "under_contract"), () => updateDeal(ws.rep, id, { deal_type: "flip" }), () => assignDealBuyer(ws.rep, id, undefined), () => createDealFromLead(ws.rep, createDealSchema.parse({ lead_id: leadId }))]) {
      expect(await failureOf(attempt)).toMatchObject({ code: "forbidden" });
    }
    expect((await getDealOrThrow(dispo, id)).status).toBe("pending");
  });

  it("another company's deal, lead and buyer ids answer as missing, and change nothing", async () => {
    const a = await setup();
    const b = await setup();
    const { id } = await createDealFromLead(a.dispo, createDealSchema.parse({ lead_id: a.leadId }));
    expect(await findDeal(b.dispo, id)).toBeNull();
    expect(await findDeal(b.ws.admin, id)).toBeNull();
    for (const attempt of [() => getDealOrThrow(b.dispo, id), () => changeDealStatus(b.dispo, id, "under_contract"), () => updateDeal(b.dispo, id, { deal_type: "flip" }), () => createDealFromLead(b.dispo, createDealSchema.parse({ lead_id: a.leadId }))]) {
      expect(await failureOf(attempt)).toMatchObject({ code: "not_found" });
    }
    const { id: theirs } = await createDealFromLead(b.dispo, createDealSchema.parse({ lead_id: b.leadId }));
    expect(await failureOf(assignDealBuyer(b.dispo, theirs, String(a.buyer._id)))).toMatchObject({ code: "not_found", fieldErrors: { buyer_id: ["Buyer not found"] } });
    expect(await failureOf(assignDealBuyer(b.dispo, theirs, "0123456789abcdef01234567"))).toMatchObject({ code: "not_found", fieldErrors: { buyer_id: ["Buyer not found"] } });
    expect((await listDeals(b.dispo, emptyDealQuery())).rows.map((r) => r.id)).toEqual([theirs]);
    expect((await getDealOrThrow(a.dispo, id)).status).toBe("pending");
    expect(await leadStatus(a.ws.admin, a.leadId)).toBe("under_contract");
  });
});

describe("the deal list and board", () => {
  it("filters, sorts with missing values last, and pages by keyset without repeats", async () => {
    const { ws, dispo } = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const lead = await scoped(ws.admin, Lead).create({ name: `Seller ${i}`, phone: `+1469555${String(2000 + i + n * 10).slice(-4)}`, address: { street: `${i} Elm St`, city: i % 2 ? "Fort Worth" : "Dallas", state: "TX" } });
      ids.push((await createDealFromLead(dispo, createDealSchema.parse({ lead_id: String(lead._id), purchase_price: i === 2 ? "" : String(100_000 + i * 1000) }))).id);
    }
    await changeDealStatus(dispo, ids[0]!, "under_contract");
    const byPrice = await listDeals(dispo, { ...emptyDealQuery(), sort: "purchase_price", dir: "desc" }, 2);
    expect(byPrice.total).toBe(5);
    const seen = [...byPrice.rows];
    let cursor = byPrice.nextCursor;
    while (cursor) {
      const next = await listDeals(dispo, { ...emptyDealQuery(), sort: "purchase_price", dir: "desc", after: cursor }, 2);
      seen.push(...next.rows);
      cursor = next.nextCursor;
    }
    expect(seen.map((r) => r.purchasePrice)).toEqual([104_000, 103_000, 101_000, 100_000, null]);
    expect((await listDeals(dispo, { ...emptyDealQuery(), status: ["under_contract"] })).rows.map((r) => r.id)).toEqual([ids[0]]);
    expect((await listDeals(dispo, { ...emptyDealQuery(), q: "fort worth" })).total).toBe(2);
    const board = await getDealBoard(dispo, { type: [] });
    expect(board.map((c) => [c.status, c.rows.length])).toEqual([["pending", 4], ["under_contract", 1], ["closed", 0], ["cancelled", 0]]);
  });
});

describe("saved views of the deal list", () => {
  it("are kept apart from the lead list's, normalised, and open to reps who read deals", async () => {
    const { ws, dispo } = await setup();
    const { createSavedView, listSavedViews, getSavedViewOrThrow } = await import("@/lib/saved-views/saved-views");
    const { createSavedViewSchema } = await import("@/lib/saved-views/schemas");
    const { id } = await createSavedView(dispo, createSavedViewSchema.parse({ name: "Dallas no buyer", query: "?status=pending,bogus&buyer=no&q=Dallas&after=abc&junk=1", visibility: "on", scope: "deals" }));
    expect(await getSavedViewOrThrow(dispo, id, "deals")).toMatchObject({ name: "Dallas no buyer", query: "status=pending&buyer=no&q=Dallas" });
    await expect(getSavedViewOrThrow(dispo, id)).rejects.toThrow(/not found/);
    const dealViews = await listSavedViews(ws.rep, "deals");
    expect(dealViews.map((v) => v.name)).toEqual(["Open deals", "Open, no buyer yet", "Closed, best first", "Dallas no buyer"]);
    expect((await listSavedViews(ws.rep)).some((v) => v.id === id)).toBe(false);
  });
});
