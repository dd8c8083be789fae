import { Types } from "mongoose";
import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant } from "@/lib/testing/factories";
import { DeletedLead } from "@/models/deleted-lead";
import { Invite } from "@/models/invite";
import { LeadImport } from "@/models/lead-import";
import { runMaintenance } from "./maintenance";

const DAY = 24 * 60 * 60 * 1000;

describe("runMaintenance", () => {
  it("purges long-expired invitations, expired trash and abandoned uploads in every tenant, and nothing else", async () => {
    const a = (await createTenant()).ctx;
    const b = (await createTenant()).ctx;
    const now = Date.now();
    for (const ctx of [a, b]) {
      await scoped(ctx, Invite).insertMany([
        { email: "old@x.com", role: "acquisition_rep", token_hash: `old-${ctx.tenantId}`, expires_at: new Date(now - 40 * DAY) },
        { email: "new@x.com", role: "acquisition_rep", token_hash: `new-${ctx.tenantId}`, expires_at: new Date(now + DAY) },
      ]);
    }
    await scoped(a, DeletedLead).insertMany([
      { batch_id: "expired", lead_id: new Types.ObjectId(), lead: { name: "Gone" }, expires_at: new Date(now - DAY) },
      { batch_id: "restorable", lead_id: new Types.ObjectId(), lead: { name: "Kept" }, expires_at: new Date(now + DAY) },
    ]);

    // An upload abandoned two days ago, and one of this morning.
    const [abandoned] = await scoped(b, LeadImport).insertMany([
      { file_name: "abandoned.csv", file_size: 10, status: "ready" },
      { file_name: "today.csv", file_size: 10, status: "uploading" },
    ]);
    // created_at is immutable in Mongoose: back-dated through the driver.
    await LeadImport.collection.updateOne({ _id: abandoned._id, tenant_id: abandoned.tenant_id }, { $set: { created_at: new Date(now - 2 * DAY) } });

    const first = await runMaintenance();
    expect(first).toMatchObject({ invitesPurged: 2, trashPurged: 1, uploadsPurged: 1 });
    expect((await scoped(b, LeadImport).find({}).lean()).map((i) => i.file_name)).toEqual(["today.csv"]);
    expect((await scoped(a, DeletedLead).find({}).lean()).map((d) => d.batch_id)).toEqual(["restorable"]);
    for (const ctx of [a, b]) {
      expect((await scoped(ctx, Invite).find({}).lean()).map((i) => i.email)).toEqual(["new@x.com"]);
    }
    const second = await runMaintenance();
    expect(second).toMatchObject({ invitesPurged: 0, trashPurged: 0, uploadsPurged: 0 });
  });
});
