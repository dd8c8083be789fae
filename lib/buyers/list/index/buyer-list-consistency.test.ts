import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { propertyRounds, propertySeeds, seededRandom } from "@/lib/testing/property";
import { Buyer } from "@/models/buyer";
import { Communication } from "@/models/communication";
import { CREDIT_SCORES, EXPERIENCE_LEVELS, FUNDING_TYPES } from "@/models/buyer-enums";
import { applyBulkBuyerChange, deleteBuyers, restoreBuyers } from "../../bulk";
import { createBuyer, updateBuyBox, updateBuyerContact } from "../../buyers";
import { buyBoxSchema } from "../../schemas";
import { listBuyers } from "../list-buyers";
import { parseBuyerQuery } from "../list-query";
import { buyerTagOptions } from "../tag-options";
import { buyerReadModel } from "./buyer-read-model";

// The property the buyer list's read model must keep: whatever the writers do, concurrently, the
// list from the rows answers exactly what the database answers (rows, total, cursors). Random
// rounds of concurrent creates, contact and buy box edits, bulk changes (by ids and by a list
// state), imports, messages (the contact counters write last_contacted on the buyer), deletes and
// restores, all through the real writers; after each, several list states are read both ways,
// and two orders are walked page by page. PROPERTY_SEED=<n> runs one other seed
// (PROPERTY_ROUNDS=<n> for longer runs).

const SEEDS = propertySeeds([5, 17]);
const ROUNDS = propertyRounds(6);
const DAY = 86_400_000;
const TYPES = ["single_family", "multi_family", "condo", "land"] as const;
const PLACES = ["Dallas, TX", "Fort Worth, TX", "75201", "Texas", "Dallas County, TX", "Houston, TX"];
const QUERIES = [
  "",
  "sort=last_contacted&dir=desc",
  "sort=created&dir=asc",
  "sort=price_min&dir=asc",
  "sort=price_max&dir=desc",
  "sort=deals",
  "type=single_family&price=180000&active=yes",
  "loc=city:tx:dallas",
  "funding=cash&verified=yes",
  "pof=none",
  "active=yes&contacted=over_30d&sort=last_contacted&dir=asc",
  "contacted=7d",
  "contacted=never",
  "closed=no",
  "tag=vip",
  "q=gar",
  "q=buyer 1",
  "experience=beginner,advanced&credit=excellent,good",
];
const WALKS = ["sort=price_min&dir=asc&size=25", "sort=last_contacted&dir=desc&size=25&active=yes"];

async function answers(ctx: TenantContext, now: Date) {
  const out: { query: string; index: unknown; database: unknown }[] = [];
  const both = async (search: string, size: number, after?: string) => {
    const query = { ...parseBuyerQuery(new URLSearchParams(search)).query, size, after };
    const [index, database] = await Promise.all([listBuyers(ctx, query, { now }), listBuyers(ctx, query, { now, source: "database" })]);
    expect(index.source, `"${search}" from the rows`).toBe("index");
    const shape = ({ source: _source, ...page }: typeof index) => page;
    return { index: shape(index), database: shape(database) };
  };
  for (const search of QUERIES) out.push({ query: search, ...(await both(search, 200)) });
  // Page by page: the same pages and the same cursors, each path following its own cursors.
  for (const search of WALKS) {
    let after: string | undefined;
    for (let page = 0; page < 3; page++) {
      const a = await both(search, 7, after);
      out.push({ query: `${search} page ${page}`, ...a });
      after = (a.index as { nextCursor?: string }).nextCursor;
      if (!after) break;
    }
  }
  return out;
}

describe("buyer list read model under concurrent writers", () => {
  for (const seed of SEEDS) {
    it(`answers exactly what the database answers after every round (seed ${seed})`, async () => {
      const { random, pick } = seededRandom(seed);
      const maybe = <T,>(x: T) => (random() < 0.3 ? undefined : x);
      const price = () => Math.round(random() * 40) * 10_000;
      const { admin: ctx } = await createWorkspace();
      const now = new Date();
      let n = 0;
      const phone = () => `+1214555${String(1000 + ++n).padStart(4, "0")}`;
      const box = () => {
        const [a, b] = [price(), price()].sort((x, y) => x - y);
        return buyBoxSchema.parse({
          property_types: TYPES.filter(() => random() < 0.4),
          price_min: maybe(a),
          price_max: maybe(b),
          preferred_locations: PLACES.filter(() => random() < 0.3),
          funding_type: maybe(pick(FUNDING_TYPES)),
          credit_score: maybe(pick(CREDIT_SCORES)),
          experience_level: maybe(pick(EXPERIENCE_LEVELS)),
        });
      };
      const stored = () => ({
        name: `${pick(["Gary", "Garcia", "Ann", "Bo"])} Buyer ${++n}`,
        phone: phone(),
        email: maybe(`buyer${n}@example.com`),
        company: maybe(pick(["Gulf Capital", "Garland Homes", ""])),
        property_types: TYPES.filter(() => random() < 0.4),
        price_range: random() < 0.2 ? undefined : { min: maybe(price() / 2), max: maybe(200_000 + price()) },
        preferred_locations: [pick(["city:tx:dallas", "state:tx", "zip:75201", "city:tx:houston"])],
        funding_type: maybe(pick(FUNDING_TYPES)),
        experience_level: maybe(pick(EXPERIENCE_LEVELS)),
        credit_score: maybe(pick(CREDIT_SCORES)),
        is_active: random() < 0.8,
        is_verified: random() < 0.5,
        tags: random() < 0.3 ? ["vip"] : [],
        proof_of_funds: random() < 0.5 ? { file_id: `f${n}`, file_name: "pof.pdf", expires_at: new Date(now.getTime() + (random() - 0.4) * 90 * DAY) } : undefined,
        total_deals: random() < 0.3 ? 1 + Math.floor(random() * 4) : 0,
        last_contacted: random() < 0.6 ? new Date(now.getTime() - Math.floor(random() * 60) * DAY) : undefined,
      });
      try {
        await scoped(ctx, Buyer).insertMany(Array.from({ length: 24 }, stored));
        await buyerReadModel.build(ctx);
        const trash: string[] = [];

        for (let round = 0; round < ROUNDS; round++) {
          const ids = (await scoped(ctx, Buyer).find({}, { _id: 1 }).lean()).map((d) => String(d._id));
          const some = () => ids.filter(() => random() < 0.3);
          const ops: (() => Promise<unknown>)[] = [
            () => createBuyer(ctx, { name: `Gar New ${round}`, phone: phone(), ...box() }),
            async () => {
              const id = pick(ids);
              const b = await scoped(ctx, Buyer).findById(id).lean();
              if (b) await updateBuyerContact(ctx, id, { name: `Renamed ${round} ${Math.floor(random() * 1000)}`, phone: b.phone, company: maybe("Garland Capital") } as never);
            },
            () => updateBuyBox(ctx, pick(ids), box()),
            () => applyBulkBuyerChange(ctx, { mode: "ids", ids: some() }, { kind: "addTags", tags: ["vip"] }),
            () => applyBulkBuyerChange(ctx, { mode: "ids", ids: some() }, { kind: "removeTags", tags: ["vip"] }),
            () => applyBulkBuyerChange(ctx, { mode: "ids", ids: some() }, { kind: "active", value: random() < 0.5 }),
            () => applyBulkBuyerChange(ctx, { mode: "all", query: "funding=cash" }, { kind: "verified", value: random() < 0.5 }),
            () => scoped(ctx, Buyer).insertMany([stored(), stored()]),
            () =>
              scoped(ctx, Communication).create({ type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: pick(ids), sent_at: new Date(now.getTime() - Math.floor(random() * 40) * DAY), status: "delivered" }),
            async () => trash.push((await deleteBuyers(ctx, { mode: "ids", ids: some().slice(0, 3) })).batchId),
            async () => (trash.length ? restoreBuyers(ctx, trash.shift()!) : undefined),
          ];
          const chosen = Array.from({ length: 5 }, () => pick(ops));
          // Concurrent, like several people at once; some may refuse (a buyer deleted meanwhile,
          // an empty selection): what counts is that the list follows what did happen.
          await Promise.allSettled(chosen.map((op) => op()));
          for (const a of await answers(ctx, now)) expect(a.index, `round ${round}, list "${a.query}"`).toEqual(a.database);
        }
      } finally {
        await buyerReadModel.store.drop(ctx.tenantId);
      }
    }, 180_000);
  }

  it("serves the database while no rows are built, never an empty list", async () => {
    const { admin: ctx } = await createWorkspace();
    await scoped(ctx, Buyer).insertMany([{ name: "Only Buyer", phone: "+12145550100", property_types: ["land"] }]);
    await buyerReadModel.store.drop(ctx.tenantId);
    const page = await listBuyers(ctx, parseBuyerQuery(new URLSearchParams("")).query);
    expect({ source: page.source, total: page.total, names: page.rows.map((r) => r.name) }).toEqual({ source: "database", total: 1, names: ["Only Buyer"] });
  });

  it("offers the tags the buyers carry in the filter menu, from the rows", async () => {
    const { admin: ctx } = await createWorkspace();
    try {
      await scoped(ctx, Buyer).insertMany([
        { name: "Tagged One", phone: "+12145550201", tags: ["vip", "landlord"] },
        { name: "Tagged Two", phone: "+12145550202", tags: ["vip"] },
        { name: "Untagged", phone: "+12145550203" },
      ]);
      await buyerReadModel.build(ctx);
      expect(await buyerTagOptions(ctx)).toEqual(["landlord", "vip"]);
    } finally {
      await buyerReadModel.store.drop(ctx.tenantId);
    }
  });
});
