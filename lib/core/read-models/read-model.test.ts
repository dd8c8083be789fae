import type { Job } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import { processors } from "@/lib/processors";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { Tag } from "@/models/tag";
import { READ_MODELS_QUEUE } from "./queue";
import { defineReadModel, heldCopies, readModelNamed, rowsOf } from "./read-model";

// The generic read model, seen from a resource that is not a lead: a throwaway one over tags,
// whose rows are made deliberately expensive to show the shared memory budget at work.
type TagRow = { _id: string; rev: number; name: string };
const tagRows = defineReadModel<TagRow, { _id: unknown; name: string }>({
  name: "test-tag",
  version: 1,
  model: Tag,
  projection: { name: 1 },
  toRow: (doc, rev) => ({ _id: String(doc._id), rev, name: doc.name }),
  shapeRow: (r) => ({ _id: r._id, rev: r.rev, name: r.name }),
  rowBytes: 400_000,
});

// One with the optional parts: rows only for some documents (scope, and toRow's null for a change
// that moves one out), and a value joined from elsewhere before toRow (here the company's tag count).
type JoinedRow = TagRow & { of: number };
type JoinedDoc = { _id: unknown; name: string; of?: number };
const visibleTagRows = defineReadModel<JoinedRow, JoinedDoc>({
  name: "test-tag-scoped",
  version: 1,
  model: Tag,
  projection: { name: 1 },
  scope: () => ({ name: { $ne: "hidden" } }),
  join: async (ctx, docs) => {
    const of = await scoped(ctx, Tag).countDocuments();
    return docs.map((d) => ({ ...d, of }));
  },
  toRow: (doc, rev) => (doc.name === "hidden" ? null : { _id: String(doc._id), rev, name: doc.name, of: doc.of! }),
  shapeRow: (r) => ({ _id: r._id, rev: r.rev, name: r.name, of: r.of }),
  rowBytes: 100,
});

// A second resource, with small rows, to show one budget across resources.
type LeadRow = { _id: string; rev: number; name: string };
const leadRows = defineReadModel<LeadRow, { _id: unknown; name: string }>({
  name: "test-lead",
  version: 1,
  model: Lead,
  projection: { name: 1 },
  toRow: (doc, rev) => ({ _id: String(doc._id), rev, name: doc.name }),
  shapeRow: (r) => ({ _id: r._id, rev: r.rev, name: r.name }),
  rowBytes: 1_000,
});

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  delete process.env.READ_MODEL_MEMORY_MB;
  while (cleanups.length) await cleanups.pop()!();
});

async function tenantWithTag(name: string) {
  const { ctx } = await createTenant();
  await scoped(ctx, Tag).create({ name });
  cleanups.push(() => tagRows.store.drop(ctx.tenantId));
  return ctx;
}

const runBuildJob = (data: unknown) => processors[READ_MODELS_QUEUE]({ data } as Job, "token");

describe("read models", () => {
  it("are built by the worker's read-models job, by name", async () => {
    const ctx = await tenantWithTag("vacant");
    expect(await tagRows.current(ctx.tenantId)).toBeNull();

    expect(await runBuildJob({ model: "test-tag", tenantId: ctx.tenantId })).toEqual({ rows: 1 });
    expect(readModelNamed("test-tag")).toBe(tagRows);
    expect(rowsOf((await tagRows.current(ctx.tenantId))!).map((r) => r.name)).toEqual(["vacant"]);
  });

  it("refuse a build job naming no read model", async () => {
    await expect(runBuildJob({ model: "no-such-model", tenantId: "0123456789abcdef01234567" })).rejects.toThrow("no read model named no-such-model");
  });

  it("follow changes applied to them and read the database for ids that are gone", async () => {
    const ctx = await tenantWithTag("vacant");
    await tagRows.build(ctx);
    const tag = await scoped(ctx, Tag).findOne({ name: "vacant" }).lean();
    await scoped(ctx, Tag).updateOne({ _id: tag!._id }, { $set: { name: "empty" } });
    await tagRows.applyChanges(ctx, [String(tag!._id)]);
    expect(rowsOf((await tagRows.current(ctx.tenantId))!).map((r) => r.name)).toEqual(["empty"]);

    await scoped(ctx, Tag).deleteOne({ _id: tag!._id });
    await tagRows.applyChanges(ctx, [String(tag!._id)]);
    expect((await tagRows.current(ctx.tenantId))!.rows.size).toBe(0);
  });

  it("keep rows only for the documents in scope, with what join read for them", async () => {
    const ctx = await tenantWithTag("vacant");
    cleanups.push(() => visibleTagRows.store.drop(ctx.tenantId));
    const hidden = await scoped(ctx, Tag).create({ name: "hidden" });
    expect(await visibleTagRows.build(ctx)).toEqual({ rows: 1 });
    const rows = async () => rowsOf((await visibleTagRows.current(ctx.tenantId))!).map((r) => `${r.name}/${r.of}`).sort();
    expect(await rows()).toEqual(["vacant/2"]);

    await scoped(ctx, Tag).updateOne({ _id: hidden._id }, { $set: { name: "shown" } });
    await visibleTagRows.applyChanges(ctx, [String(hidden._id)]);
    expect(await rows()).toEqual(["shown/2", "vacant/2"]);

    await scoped(ctx, Tag).updateOne({ _id: hidden._id }, { $set: { name: "hidden" } });
    await visibleTagRows.applyChanges(ctx, [String(hidden._id)]);
    expect(await rows()).toEqual(["vacant/2"]);
  });

  it("share one memory budget: the least recently used copies are evicted, whatever their resource", async () => {
    const { ctx: leads } = await createTenant();
    cleanups.push(() => leadRows.store.drop(leads.tenantId));
    await scoped(leads, Lead).insertMany([leadInput(), leadInput()]);
    await leadRows.build(leads);
    const [a, b, c] = [await tenantWithTag("a"), await tenantWithTag("b"), await tenantWithTag("c")];
    for (const t of [a, b, c]) await tagRows.build(t);
    process.env.READ_MODEL_MEMORY_MB = "1"; // 1,048,576 bytes: two tag copies (400,000 each) and the leads fit, three do not

    const held = () => heldCopies().filter((h) => [leads, a, b, c].some((t) => t.tenantId === h.tenantId)).map((h) => `${h.model}:${h.tenantId}`);
    for (const t of [a, b, c]) tagRows.forgetLocal(t.tenantId);
    leadRows.forgetLocal(leads.tenantId);
    await leadRows.current(leads.tenantId);
    await tagRows.current(a.tenantId);
    await tagRows.current(b.tenantId);
    expect(held().sort()).toEqual([`test-lead:${leads.tenantId}`, `test-tag:${a.tenantId}`, `test-tag:${b.tenantId}`].sort());

    await tagRows.current(c.tenantId);
    expect(held().sort()).toEqual([`test-tag:${b.tenantId}`, `test-tag:${c.tenantId}`].sort());
    // An evicted copy is loaded again from Redis on its next use, never served empty.
    expect((await leadRows.current(leads.tenantId))!.rows.size).toBe(2);
  });
});
