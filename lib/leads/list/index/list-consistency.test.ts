import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { leadInput } from "@/lib/testing/factories";
import { propertyRounds, propertySeeds, seededRandom } from "@/lib/testing/property";
import { createTag, renameTag } from "@/lib/tags/tag-catalogue";
import { Lead } from "@/models/lead";
import { LEAD_STATUSES } from "@/models/lead-enums";
import { applyBulkChange } from "../../bulk/apply-bulk-change";
import { deleteLeads, restoreLeads } from "../../delete-leads";
import { mergeLeads } from "../../merge/merge-leads";
import { changeLeadStatus } from "../../write/change-lead-status";
import { createLead } from "../../write/create-lead";
import { updateLeadDetails } from "../../write/update-lead-details";
import { dbSource } from "../db-source";
import { listLeads } from "../list-leads";
import { parseListQuery } from "../list-query";
import { dropIndex } from "./index-store";
import { buildLeadIndex, currentIndex, indexSourceOf } from "./lead-index";

// The property the list index must keep: whatever the writers do, concurrently, the list answers
// exactly what the database answers. Random rounds of concurrent creates, edits, bulk changes,
// merges, imports, tag renames and deletes; after each, several list states are read both ways.
// PROPERTY_SEED=<n> runs one other seed (PROPERTY_ROUNDS=<n> for longer runs).

const SEEDS = propertySeeds([11, 29]);
const ROUNDS = propertyRounds(6);
const QUERIES = ["", "sort=name&dir=asc", "status=new", "status=lost,under_contract&sort=created&dir=asc", "tag=hot", "q=sel", "priority=urgent,high"];

/** The lead page's edit of the details form, changing only the name. */
async function rename(ctx: TenantContext, id: string, name: string) {
  const lead = await scoped(ctx, Lead).findById(id).lean();
  if (!lead) return;
  await updateLeadDetails(ctx, id, { name, phone: lead.phone, email: lead.email ?? undefined, address: lead.address ?? {}, property_details: lead.property_details ?? {} } as never);
}

async function answers(ctx: TenantContext) {
  const local = await currentIndex(ctx.tenantId);
  expect(local).not.toBeNull();
  const index = indexSourceOf(local!);
  const out: { query: string; index: unknown; database: unknown }[] = [];
  for (const search of QUERIES) {
    const query = { ...parseListQuery(new URLSearchParams(search)).query, size: 200 };
    const [a, b] = await Promise.all([listLeads(ctx, query, { source: index }), listLeads(ctx, query, { source: dbSource })]);
    const shape = (p: typeof a) => ({ total: p.total, rows: p.rows.map((r) => [r.id, r.name, r.status, r.priority, [...r.tags].sort().join(",")].join("|")) });
    out.push({ query: search, index: shape(a), database: shape(b) });
  }
  return out;
}

describe("lead list index under concurrent writers", () => {
  for (const seed of SEEDS) {
    it(`answers exactly what the database answers after every round (seed ${seed})`, async () => {
      const { random, pick } = seededRandom(seed);
      const { admin } = await createWorkspace();
      const ctx = admin;
      try {
        await scoped(ctx, Lead).insertMany(Array.from({ length: 24 }, (_, i) => leadInput({ name: `Seller ${seed}-${i}`, tags: i % 3 ? [] : ["hot"] })));
        await buildLeadIndex(ctx);
        const tag = await createTag(ctx, { name: "hot" });
        let tagName = "hot";
        const trash: string[] = [];

        for (let round = 0; round < ROUNDS; round++) {
          const ids = (await scoped(ctx, Lead).find({}, { _id: 1 }).lean()).map((d) => String(d._id));
          const some = () => ids.filter(() => random() < 0.3);
          const ops: (() => Promise<unknown>)[] = [
            () => createLead(ctx, { ...leadInput({ name: `Sel New ${round}` }), status: pick(LEAD_STATUSES) } as never, { allowDuplicate: true }),
            () => rename(ctx, pick(ids), `Renamed ${round} ${Math.floor(random() * 1000)}`),
            () => changeLeadStatus(ctx, pick(ids), pick(LEAD_STATUSES)),
            () => applyBulkChange(ctx, some(), { kind: "status", status: pick(LEAD_STATUSES) }),
            () => applyBulkChange(ctx, some(), { kind: "priority", priority: pick(["low", "medium", "high", "urgent"] as const) }),
            () => applyBulkChange(ctx, some(), { kind: "addTags", tags: [tagName] }),
            () => mergeLeads(ctx, pick(ids), pick(ids)),
            () => scoped(ctx, Lead).insertMany([leadInput({ name: `Imported ${round}a`, tags: ["hot"] }), leadInput({ name: `Imported ${round}b` })]),
            async () => {
              tagName = `hot-${round}`;
              await renameTag(ctx, tag.id, tagName);
            },
            async () => trash.push((await deleteLeads(ctx, some().slice(0, 3))).batchId),
            async () => (trash.length ? restoreLeads(ctx, trash.shift()!) : undefined),
          ];
          const chosen = Array.from({ length: 5 }, () => pick(ops));
          // Concurrent, like several people at once; some may refuse (merging a lead with itself,
          // a lead deleted meanwhile): what counts is that the list follows what did happen.
          await Promise.allSettled(chosen.map((op) => op()));
          for (const a of await answers(ctx)) expect(a.index, `round ${round}, list "${a.query}"`).toEqual(a.database);
        }
      } finally {
        await dropIndex(ctx.tenantId);
      }
    }, 120_000);
  }

  it("a bulk status change racing a rename: the list shows both", async () => {
    const { admin: ctx } = await createWorkspace();
    try {
      const [lead] = await scoped(ctx, Lead).insertMany([leadInput({ name: "Original Name", status: "new" })]);
      await buildLeadIndex(ctx);
      const id = String(lead._id);
      await Promise.all([applyBulkChange(ctx, [id], { kind: "status", status: "contacted" }), rename(ctx, id, "Renamed Seller")]);
      const row = (await currentIndex(ctx.tenantId))!.rows.get(id)!;
      const stored = await scoped(ctx, Lead).findById(id).lean();
      expect({ name: stored!.name, status: stored!.status }).toEqual({ name: "Renamed Seller", status: "contacted" });
      expect({ name: row.name, status: row.status }).toEqual({ name: "Renamed Seller", status: "contacted" });
    } finally {
      await dropIndex(ctx.tenantId);
    }
  });
});
