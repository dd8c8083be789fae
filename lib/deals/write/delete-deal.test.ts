// Deleting a deal on the real database: who may, what goes with it (its files), what stays (the
// activity log), the lead back in the pipeline, and another company's id answering as missing.
import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { effectivePermissions } from "@/lib/core/permissions";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { toFailure } from "@/lib/core/errors-response";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { listFiles, putFile } from "@/lib/storage";
import { pdfBytes } from "@/lib/storage/testing/files";
import { Activity } from "@/models/activity";
import { Deal } from "@/models/deal";
import { Lead } from "@/models/lead";
import { User } from "@/models/user";
import { emptyDealQuery } from "../list/deal-list-query";
import { getDealBoard, listDeals } from "../list/list-deals";
import { createDealSchema } from "../schemas";
import { dealReadModel } from "../list/index/deal-read-model";
import { createDealFromLead } from "./create-deal";
import { changeDealStatus } from "./change-deal-status";
import { deleteDeal } from "./delete-deal";

let n = 0;
async function setup() {
  const ws = await createWorkspace();
  n += 1;
  const dispoUser = await scoped(ws.admin, User).create({ email: `dispo-del${n}-${Date.now()}@x.com`, name: "Dee Dispo", role: "disposition_manager" });
  const dispo: TenantContext = { tenantId: ws.admin.tenantId, userId: String(dispoUser._id), role: "disposition_manager", permissions: effectivePermissions("disposition_manager") };
  const lead = await scoped(ws.admin, Lead).create({ name: "Maria Lopez", phone: `+1214556${String(1000 + n).slice(-4)}`, status: "contacted", assigned_to: new Types.ObjectId(ws.ids.rep), address: { street: "12 Oak Street", city: "Dallas", state: "TX" } });
  const { id } = await createDealFromLead(dispo, createDealSchema.parse({ lead_id: String(lead._id), deal_type: "wholesale", purchase_price: "95000" }));
  return { ws, dispo, leadId: String(lead._id), dealId: id };
}

async function failureOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    return toFailure(err);
  }
  throw new Error("expected a failure");
}

const leadStatus = async (ctx: TenantContext, id: string) => (await scoped(ctx, Lead).findById(id).lean())!.status;

describe("deleting a deal", () => {
  it("removes the deal and its files, logs what it was, and sends its lead back to contacted", async () => {
    const { ws, dispo, leadId, dealId } = await setup();
    expect(await leadStatus(ws.admin, leadId)).toBe("under_contract");
    const file = await putFile(dispo, { owner: { type: "deal", id: dealId }, filename: "contract.pdf" }, pdfBytes());
    await scoped(ws.admin, Deal).updateOne({ _id: dealId }, { $push: { documents: { file_id: new Types.ObjectId(file.id), name: "contract.pdf", type: "contract" } } });

    await dealReadModel.build(dispo);
    expect((await listDeals(dispo, emptyDealQuery())).rows.map((r) => r.id)).toEqual([dealId]);

    expect(await deleteDeal(dispo, dealId)).toEqual({ leadId });

    // Gone from the deal list and board, which read the event-fed summary.
    expect((await listDeals(dispo, emptyDealQuery())).rows).toEqual([]);
    expect((await getDealBoard(dispo, { type: [] })).flatMap((c) => c.rows)).toEqual([]);

    expect(await scoped(ws.admin, Deal).countDocuments({ _id: dealId })).toBe(0);
    expect(await listFiles(ws.admin, { type: "deal", id: dealId })).toEqual([]);
    const logged = await scoped(ws.admin, Activity).findOne({ type: "deal_deleted", entity_id: new Types.ObjectId(dealId) }).lean();
    expect(logged).toMatchObject({ entity_type: "deal", user_id: new Types.ObjectId(dispo.userId), description: "Deal deleted: 12 Oak Street, Dallas, TX (was pending)", metadata: { status: "pending", deal_type: "wholesale", purchase_price: 95000, documents: 1 } });
    expect(String(logged!.metadata.lead_id)).toBe(leadId);
    expect(await leadStatus(ws.admin, leadId)).toBe("contacted");
    // The lead can take a new deal now.
    await expect(createDealFromLead(dispo, createDealSchema.parse({ lead_id: leadId }))).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("leaves a closed lead closed when the deleted deal was closed", async () => {
    const { ws, dispo, leadId, dealId } = await setup();
    await scoped(ws.admin, Deal).updateOne({ _id: dealId }, { $set: { deal_type: "flip" } });
    await changeDealStatus(dispo, dealId, "under_contract");
    await changeDealStatus(dispo, dealId, "closed");
    await deleteDeal(ws.admin, dealId);
    expect(await scoped(ws.admin, Deal).countDocuments({})).toBe(0);
    expect(await leadStatus(ws.admin, leadId)).toBe("closed");
  });

  it("is refused to a rep, even on their own lead's deal, and nothing changes", async () => {
    const { ws, dealId, leadId } = await setup();
    expect(await failureOf(deleteDeal(ws.rep, dealId))).toMatchObject({ code: "forbidden" });
    expect(await scoped(ws.admin, Deal).countDocuments({ _id: dealId })).toBe(1);
    expect(await leadStatus(ws.admin, leadId)).toBe("under_contract");
    expect(await scoped(ws.admin, Activity).countDocuments({ type: "deal_deleted" })).toBe(0);
  });

  it("answers another company's deal id, a malformed one and a deleted one exactly like a missing deal", async () => {
    const a = await setup();
    const b = await setup();
    const missing = await failureOf(deleteDeal(b.dispo, String(new Types.ObjectId())));
    expect(missing).toMatchObject({ code: "not_found" });
    expect(await failureOf(deleteDeal(b.dispo, a.dealId))).toEqual(missing);
    expect(await failureOf(deleteDeal(b.ws.admin, a.dealId))).toEqual(missing);
    expect(await failureOf(deleteDeal(b.dispo, "../x"))).toEqual(missing);
    expect(await scoped(a.ws.admin, Deal).countDocuments({ _id: a.dealId })).toBe(1);
    expect(await leadStatus(a.ws.admin, a.leadId)).toBe("under_contract");
    await deleteDeal(b.dispo, b.dealId);
    expect(await failureOf(deleteDeal(b.dispo, b.dealId))).toEqual(missing);
  });
});
