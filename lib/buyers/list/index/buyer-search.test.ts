import { describe, expect, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { createWorkspace } from "@/lib/leads/write/test-helpers";
import { Buyer } from "@/models/buyer";
import { updateBuyerContact } from "../../buyers";
import { buyerIdsMatching, listBuyers } from "../list-buyers";
import { parseBuyerQuery } from "../list-query";
import { buyerReadModel } from "./buyer-read-model";

// Search as you type on the buyer list reads the rows its most selective term finds in the read
// model's search index instead of testing every buyer: it must answer exactly what the
// database's anchored prefix search over search_keys answers, for every kind of term a
// disposition manager types.

const PEOPLE = [
  { name: "José Álvarez", company: "Lone Star Capital", phone: "+12145551234", email: "jose@alvarez-homes.com" },
  { name: "Renée O'Neal", company: "Bayou Holdings", phone: "+17135550199", email: "renee@bayou.example" },
  { name: "Zoë Smith-Jones", phone: "+18175550123", email: "zoe@example.com" },
  { name: "Gary Garcia", company: "Garland Homes", phone: "+12145559876" },
  { name: "Ann Nguyen", company: "Peach Investments", phone: "+14045551234", email: "ann@peach.example" },
  { name: "Nguyễn Văn An", phone: "+14695550777", email: "an@example.com" },
];
// Enough others that a short term matches a small part of the list (the index answers it) while
// "buyer" or "example" match most of it (every row is tested then).
const OTHERS = Array.from({ length: 40 }, (_, i) => ({
  name: `Buyer ${i} ${["Smith", "Lopez", "Kim", "Patel"][i % 4]}`,
  company: i % 3 ? undefined : `${["Sun", "Gulf"][i % 2]} Capital ${i}`,
  phone: `+1972555${String(1000 + i)}`,
  email: i % 2 ? `buyer${i}@example.com` : undefined,
}));

const SEARCHES = [
  // Name fragments, accents typed or not, several words, typographic apostrophes.
  "jos", "José", "jose alv", "álvarez", "alvarez", "renée", "renee", "o'neal", "o’neal", "oneal", "smith", "jones", "zoe", "zoë",
  "nguyen", "nguyễn", "van an", "ga", "gar", "g", "buyer 1", "buyer", "patel buyer", "kim 3",
  // Company.
  "lone star", "lone", "capital", "garland", "peach inv", "sun capital",
  // Phone: typed with punctuation, whole, without the country code, without the area code, last four digits.
  "214-555", "(713) 555-01", "+1 817 555 0123", "18175550123", "8175550123", "555-0123", "5550199", "1234", "0199", "972",
  // E-mail: the address, its start, its domain.
  "jose@alvarez-homes.com", "jose@alv", "ann@", "renee@bayou", "alvarez-homes.com", "example.com", "example",
  // Nothing, and terms that match nobody.
  "", "zz", "999999",
];

async function both(ctx: TenantContext, search: string, now: Date) {
  const query = { ...parseBuyerQuery(new URLSearchParams({ q: search, size: "200" })).query };
  const [index, database] = await Promise.all([listBuyers(ctx, query, { now }), listBuyers(ctx, query, { now, source: "database" })]);
  expect(index.source, `"${search}" from the rows`).toBe("index");
  const { source: _a, ...fromIndex } = index;
  const { source: _b, ...fromDatabase } = database;
  return { index: fromIndex, database: fromDatabase, names: index.rows.map((r) => r.name) };
}

describe("buyer search from the read model's search index", () => {
  it("answers every kind of search exactly as the database does, and keeps answering after changes", async () => {
    const { admin: ctx } = await createWorkspace();
    const now = new Date();
    try {
      const created = await scoped(ctx, Buyer).insertMany([...PEOPLE, ...OTHERS]);
      await buyerReadModel.build(ctx);
      const found: Record<string, string[]> = {};
      for (const search of SEARCHES) {
        const { index, database, names } = await both(ctx, search, now);
        expect(index, `search "${search}"`).toEqual(database);
        found[search] = names;
      }
      // The index was built by the searches and is what answered them.
      const local = await buyerReadModel.current(ctx.tenantId);
      expect(local?.search?.entries()).toBeGreaterThan(PEOPLE.length + OTHERS.length);

      // What a person relies on (the comparisons above would also pass if both found nothing).
      expect(found["álvarez"]).toEqual(["José Álvarez"]);
      expect(found["jose alv"]).toEqual(["José Álvarez"]);
      expect(found["renee"]).toEqual(["Renée O'Neal"]);
      expect(found["o’neal"]).toEqual(["Renée O'Neal"]);
      expect(found["jones"]).toEqual(["Zoë Smith-Jones"]);
      expect(found["nguyen"]).toEqual(["Ann Nguyen", "Nguyễn Văn An"]);
      expect(found["lone star"]).toEqual(["José Álvarez"]);
      expect(found["garland"]).toEqual(["Gary Garcia"]);
      expect(found["214-555"]).toEqual(["Gary Garcia", "José Álvarez"]);
      expect(found["8175550123"]).toEqual(["Zoë Smith-Jones"]);
      expect(found["jose@alv"]).toEqual(["José Álvarez"]);
      // A phone by its last four digits or its number without the area code, an e-mail by its domain (as for leads).
      expect(found["1234"]).toEqual(["Ann Nguyen", "José Álvarez"]);
      expect(found["0199"]).toEqual(["Renée O'Neal"]);
      expect(found["555-0123"]).toEqual(["Zoë Smith-Jones"]);
      expect(found["5550199"]).toEqual(["Renée O'Neal"]);
      expect(found["alvarez-homes.com"]).toEqual(["José Álvarez"]);
      expect(found["example.com"]).toHaveLength(2 + OTHERS.filter((o) => o.email).length);
      expect(found[""]).toHaveLength(PEOPLE.length + OTHERS.length);

      // "Select all N matching" acts on the same buyers the search listed.
      for (const search of ["gar", "capital", "214-555", "buyer"]) {
        const query = parseBuyerQuery(new URLSearchParams({ q: search, size: "200" })).query;
        const { ids, source } = await buyerIdsMatching(ctx, query, { now, cap: 1000 });
        const listed = await listBuyers(ctx, query, { now, source: "database" });
        expect({ source, ids: ids.sort() }, `all matching "${search}"`).toEqual({ source: "index", ids: listed.rows.map((r) => r.id).sort() });
      }

      // A renamed buyer is found by the new name only, a removed one not at all, on both paths.
      const gary = created.find((b) => b.name === "Gary Garcia")!;
      await updateBuyerContact(ctx, String(gary._id), { name: "Walter Whitfield", phone: "+12145559876", company: "Whitfield Homes" });
      await scoped(ctx, Buyer).deleteById(String(created.find((b) => b.name === "Ann Nguyen")!._id));
      for (const search of ["gar", "garland", "whit", "walter whit", "nguyen", "214-555", "capital"]) {
        const { index, database } = await both(ctx, search, now);
        expect(index, `search "${search}" after the changes`).toEqual(database);
      }
      expect((await both(ctx, "whitfield", now)).names).toEqual(["Walter Whitfield"]);
      expect((await both(ctx, "garland", now)).names).toEqual([]);
      expect((await both(ctx, "nguyen", now)).names).toEqual(["Nguyễn Văn An"]);
    } finally {
      await buyerReadModel.store.drop(ctx.tenantId);
    }
  }, 120_000);
});
