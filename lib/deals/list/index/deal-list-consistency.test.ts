// The property the deal read models must keep: whatever the writers do to deals, messages, buyers
// and leads, concurrently, the deal list (filters, sorts, search over address, buyer and seller,
// keyset pages), the board and the dashboard answer from the rows exactly what they answer from
// the database, for a disposition manager and for a rep (the deals of their own leads). Random
// rounds through the real writers (create from a lead, status moves, buyers, the details form,
// the analyzer, deletes, messages sent, re-stated and deleted, buyers renamed, added and removed,
// leads renamed and reassigned); after each, both answers compared.
// PROPERTY_SEED=<n> runs one other seed (PROPERTY_ROUNDS=<n> for longer runs).
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { effectivePermissions } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { AppError } from "@/lib/core/errors";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { propertyRounds, propertySeeds, seededRandom } from "@/lib/testing/property";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { Deal } from "@/models/deal";
import { DEAL_STATUSES } from "@/models/deal-enums";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { buyerContactReadModel } from "../../dashboard/buyer-contacts";
import { getDispositionDashboard } from "../../dashboard/get-disposition-dashboard";
import { createDealSchema, updateDealSchema } from "../../schemas";
import { assignDealBuyer } from "../../write/assign-deal-buyer";
import { changeDealStatus } from "../../write/change-deal-status";
import { createDealFromLead } from "../../write/create-deal";
import { deleteDeal } from "../../write/delete-deal";
import { saveDealAnalysis } from "../../write/save-deal-analysis";
import { updateDeal } from "../../write/update-deal";
import { emptyDealQuery, type DealListQuery } from "../deal-list-query";
import { currentDealRows, getDealBoard, listDeals } from "../list-deals";
import { dealReadModel } from "./deal-read-model";

const SEEDS = propertySeeds([7, 31]);
const ROUNDS = propertyRounds(5);
const TZ = "America/Chicago";
const DAY = 86_400_000;
const ymd = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

async function company(leads: number) {
  const ws = await createWorkspace();
  const user = await scoped(ws.admin, User).create({ email: `dispo-${new Types.ObjectId()}@x.com`, name: "Dee Dispo", role: "disposition_manager" });
  const dispo: TenantContext = { tenantId: ws.admin.tenantId, userId: String(user._id), role: "disposition_manager", permissions: effectivePermissions("disposition_manager") };
  const leadIds: string[] = [];
  for (let i = 0; i < leads; i++) {
    // Half the leads are the rep's: a rep sees the deals of their own leads.
    const lead = await scoped(ws.admin, Lead).create({ assigned_to: i % 2 ? new Types.ObjectId(ws.ids.rep) : undefined, name: `Seller ${i}`, phone: `+1214${String(5_550_000 + i + Math.floor(Math.random() * 1000) * 100).padStart(7, "0")}`, status: "contacted", address: { street: `${i} Elm St`, city: "Dallas", state: "TX", zip_code: "75201" } });
    leadIds.push(String(lead._id));
  }
  const buyers: string[] = [];
  for (let i = 0; i < 3; i++) buyers.push(String((await scoped(ws.admin, Buyer).create({ name: `Cash Buyer ${i}`, phone: `+1972${String(5_550_000 + i).padStart(7, "0")}`, property_types: ["single_family"] }))._id));
  return { dispo, rep: ws.rep, leadIds, buyers };
}

/** The deal list (several states, and one walked page by page), the board, from the rows and from the database. */
async function listsBothWays(dispo: TenantContext, rep: TenantContext) {
  const queries: DealListQuery[] = [
    emptyDealQuery(),
    { ...emptyDealQuery(), status: ["pending", "under_contract"], buyer: "no", sort: "closing_date", dir: "asc" },
    { ...emptyDealQuery(), type: ["flip"], buyer: "yes", sort: "profit", dir: "desc" },
    { ...emptyDealQuery(), q: "1 elm", sort: "purchase_price", dir: "asc" },
    // The buyer's name ("Cash Buyer 2 (Lone Star Homes)") and the seller's ("Seller 3").
    { ...emptyDealQuery(), q: "buyer", sort: "profit", dir: "desc" },
    { ...emptyDealQuery(), q: "seller 1" },
    { ...emptyDealQuery(), q: "lone star", status: ["pending"], type: ["wholesale"] },
  ];
  const out = [];
  for (const ctx of [dispo, rep]) {
    for (const q of queries) out.push({ rows: await listDeals(ctx, q, 500), database: await listDeals(ctx, q, 500, { source: "database" }) });
    out.push({ rows: await getDealBoard(ctx, { type: [] }), database: await getDealBoard(ctx, { type: [] }, { source: "database" }) });
    out.push({ rows: await walk(ctx, {}), database: await walk(ctx, { source: "database" }) });
  }
  return out;
}

/** Every page of a list sorted with deals lacking the value, 3 at a time, each one's cursor read by the other path too. */
async function walk(ctx: TenantContext, options: { source?: "database" }) {
  const pages = [];
  let after: string | undefined;
  do {
    const page = await listDeals(ctx, { ...emptyDealQuery(), sort: "closing_date", dir: "asc", after }, 3, options);
    pages.push(page);
    after = page.nextCursor;
  } while (after && pages.length < 50);
  return pages;
}

/** Both answers at the same instant. */
async function bothWays(ctx: TenantContext) {
  const now = new Date();
  const [rows, database] = await Promise.all([getDispositionDashboard(ctx, { timeZone: TZ, now }), getDispositionDashboard(ctx, { timeZone: TZ, now, source: "database" })]);
  return { rows, database };
}

/** Refusals the writers give for moves that make no sense (closing a wholesale deal without a buyer…): part of the game. */
async function attempt(op: () => Promise<unknown>) {
  try {
    await op();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
  }
}

const build = (ctx: TenantContext) => Promise.all([dealReadModel.build(ctx), buyerContactReadModel.build(ctx)]);
const forgetLocal = (tenantId: string) => [dealReadModel, buyerContactReadModel].forEach((m) => m.forgetLocal(tenantId));
const drop = (tenantId: string) => Promise.all([dealReadModel.store.drop(tenantId), buyerContactReadModel.store.drop(tenantId)]);

describe("the deal read models", () => {
  for (const seed of SEEDS) {
    it(`answers the list, board and dashboard as the database does after random concurrent deal, message, buyer and lead changes (seed ${seed})`, async () => {
      const { random: rnd, pick } = seededRandom(seed);
      const { dispo, rep, leadIds, buyers } = await company(12);
      const free = [...leadIds];
      const deals: string[] = [];
      const messages: string[] = [];
      const createDeal = async () => {
        const lead = free.pop();
        if (!lead) return;
        const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: lead, deal_type: pick(["wholesale", "flip"]), purchase_price: String(80_000 + Math.floor(rnd() * 50) * 1000), assignment_fee: String(5_000 + Math.floor(rnd() * 20) * 500), contract_date: ymd(-Math.floor(rnd() * 60)) }));
        deals.push(id);
      };
      const move = () => attempt(() => changeDealStatus(dispo, pick(deals), pick(DEAL_STATUSES), "Seller backed out"));
      const assign = () => attempt(() => assignDealBuyer(dispo, pick(deals), rnd() < 0.75 ? pick(buyers) : undefined));
      const ops = [
        createDeal,
        createDeal,
        move,
        move,
        move,
        assign,
        assign,
        () => {
          const id = pick(deals);
          const form = { deal_id: id, deal_type: pick(["wholesale", "flip", "buy_and_hold"]), purchase_price: String(90_000 + Math.floor(rnd() * 40) * 1000), sale_price: String(140_000 + Math.floor(rnd() * 40) * 1000), assignment_fee: String(Math.floor(rnd() * 30) * 500), contract_date: ymd(-Math.floor(rnd() * 90)), closing_date: rnd() < 0.8 ? ymd(Math.floor(rnd() * 80) - 40) : undefined };
          return attempt(() => updateDeal(dispo, id, updateDealSchema.parse(form)));
        },
        () => attempt(() => saveDealAnalysis(dispo, pick(deals), { arv: 200_000, repairs: Math.floor(rnd() * 40) * 1000, assignment_fee: 10_000 })),
        async () => {
          const m = await scoped(dispo, Communication).create({ type: pick(["sms", "email"]), direction: pick(["outbound", "outbound", "inbound"]), recipient_type: pick(["buyer", "buyer", "lead"]), recipient_id: new Types.ObjectId(pick(buyers)), status: pick(["delivered", "sent", "failed", "scheduled", "undelivered"]), content: "Deal alert" });
          messages.push(String(m._id));
        },
        () => (messages.length ? scoped(dispo, Communication).updateOne({ _id: pick(messages) }, { $set: { status: pick(["delivered", "failed", "canceled", "sent"]) } }) : null),
        () => (messages.length ? scoped(dispo, Communication).deleteOne({ _id: pick(messages) }) : null),
        // Buyers' names as deal rows show them: renamed, given a company, added, removed.
        () => scoped(dispo, Buyer).updateOne({ _id: pick(buyers) }, { $set: { name: `Buyer ${Math.floor(rnd() * 100)}`, company: rnd() < 0.5 ? "Lone Star Homes" : "" } }),
        async () => buyers.push(String((await scoped(dispo, Buyer).create({ name: `New Buyer ${buyers.length}`, phone: `+1972${String(5_560_000 + buyers.length).padStart(7, "0")}`, property_types: ["single_family"] }))._id)),
        () => (rnd() < 0.3 ? scoped(dispo, Buyer).deleteOne({ _id: pick(buyers) }) : null),
        () => (rnd() < 0.3 ? attempt(() => deleteDeal(dispo, pick(deals))) : null),
        // Sellers' names and owners as deal rows show and the rep's list filters them.
        () => scoped(dispo, Lead).updateOne({ _id: pick(leadIds) }, { $set: { name: `Seller ${Math.floor(rnd() * 30)}` } }),
        () => scoped(dispo, Lead).updateOne({ _id: pick(leadIds) }, rnd() < 0.6 ? { $set: { assigned_to: new Types.ObjectId(rep.userId) } } : { $unset: { assigned_to: 1 } }),
      ];

      for (let i = 0; i < 4; i++) await createDeal();
      // Before a build the dashboard reads the database (and asks the worker for a build).
      expect(await currentDealRows(dispo.tenantId)).toBeNull();
      expect((await bothWays(dispo)).rows.totalDeals).toBe(4);
      expect((await build(dispo))[0]).toEqual({ rows: 4 });

      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(Array.from({ length: 6 }, () => (deals.length && rnd() < 0.85 ? pick(ops)() : createDeal())));
        if (rnd() < 0.5) forgetLocal(dispo.tenantId); // the next read loads the shared copy
        expect(await currentDealRows(dispo.tenantId)).toHaveLength(await scoped(dispo, Deal).countDocuments());
        const { rows, database } = await bothWays(dispo);
        expect(rows, `round ${round}`).toEqual(database);
        for (const [i, both] of (await listsBothWays(dispo, rep)).entries()) expect(both.rows, `round ${round}, list ${i}`).toEqual(both.database);
      }
      const last = await bothWays(dispo);
      // The rounds did reach the numbers that matter (not a comparison of two empty dashboards).
      expect(last.database.totalDeals).toBeGreaterThan(5);
      expect(last.database.byStatus.filter((s) => s.count > 0).length).toBeGreaterThan(1);
      const lists = await listsBothWays(dispo, rep);
      expect((lists[5].database as { total: number }).total).toBeGreaterThan(0); // the rep's list is not empty either
      await drop(dispo.tenantId);
    });
  }

  it("keeps each company's rows to its own deals and messages", async () => {
    const a = await company(2);
    const b = await company(2);
    await build(a.dispo);
    await build(b.dispo);
    await createDealFromLead(b.dispo, createDealSchema.parse({ lead_id: b.leadIds[0], assignment_fee: "9000" }));
    await scoped(b.dispo, Communication).create({ type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: new Types.ObjectId(b.buyers[0]), status: "delivered", content: "Hi" });
    expect(await currentDealRows(a.dispo.tenantId)).toEqual([]);
    expect(await buyerContactReadModel.current(a.dispo.tenantId).then((l) => l!.rows.size)).toBe(0);
    const { rows, database } = await bothWays(b.dispo);
    expect(rows).toEqual(database);
    expect(rows).toMatchObject({ totalDeals: 1, buyersContactedThisWeek: { count: 1 } });
    expect((await listDeals(a.dispo, { ...emptyDealQuery(), q: "seller" })).total).toBe(0);
    await Promise.all([drop(a.dispo.tenantId), drop(b.dispo.tenantId)]);
  });
});
