import { describe, expect, it } from "vitest";
import { Buyer } from "@/models/buyer";
import { Lead } from "@/models/lead";
import { SchemaVersion } from "@/models/schema-version";
import { createTenant } from "@/lib/testing/factories";
import { runMigrations } from "./run-migrations";
import type { Migration } from "./types";

describe("runMigrations", () => {
  it("applies the spec's example migration once and records it in schema_versions", async () => {
    const { tenant } = await createTenant();
    // A lead written before addresses existed (raw insert, bypassing the model's defaults).
    await Lead.collection.insertOne({ tenant_id: tenant._id, name: "Old lead", phone: "+12145550100", status: "new" });
    // A lead whose keys were derived before name parts were: "jones" did not find it.
    await Lead.collection.insertOne({ tenant_id: tenant._id, name: "Amy Smith-Jones", phone: "+12145550101", status: "new", address: {}, search_keys: ["amy", "smith-jones", "amy smith-jones"] });

    // A buyer whose keys were derived before a phone's last digits and an e-mail's domain were: "4567" did not find it.
    await Buyer.collection.insertOne({ tenant_id: tenant._id, name: "Old Buyer", phone: "+12145554567", email: "old@buyers.example", search_keys: ["old", "buyer", "old buyer", "12145554567", "2145554567", "old@buyers.example"] });
    // A lead whose keys were derived before ß and ø were folded: "weiss" and "soren" did not find it.
    await Lead.collection.insertOne({ tenant_id: tenant._id, name: "Søren Weiß", phone: "+12145550102", status: "new", address: { street: "1 Łąka St" }, search_keys: ["s", "ren", "wei", "s ren wei"] });
    // A lead whose keys were derived before ZIP codes were keys: "76104" did not find it.
    await Lead.collection.insertOne({ tenant_id: tenant._id, name: "Zip Owner", phone: "+12145550103", status: "new", address: { street: "9 Elm St", zip_code: "76104-2210" }, search_keys: ["zip", "owner", "zip owner"] });
    await SchemaVersion.deleteMany({});
    const first = await runMigrations();
    expect(first.applied).toEqual(["leads@1 leads-default-address", "leads@2 leads-search-keys", "leads@3 leads-search-keys-name-parts", "leads@4 leads-phones-emails-search-keys", "buyers@1 buyers-search-keys-name-parts", "buyers@2 buyers-search-keys-phone-email-parts", "leads@5 leads-search-keys-folded-letters", "buyers@3 buyers-search-keys-folded-letters", "leads@6 leads-search-keys-zip"]);
    const old = await Lead.collection.findOne({ name: "Old lead" });
    expect(old?.address).toEqual({});
    expect(old?.search_keys).toEqual(expect.arrayContaining(["old", "lead", "12145550100"]));
    expect((await Lead.collection.findOne({ name: "Amy Smith-Jones" }))?.search_keys).toEqual(expect.arrayContaining(["smith", "jones", "smithjones"]));
    // A lead written before several phones existed gets its one phone as its list, and keys for its last digits.
    expect(old?.phones).toEqual([{ number: "+12145550100", type: "unknown", status: "active" }]);
    expect(old?.emails).toBeUndefined();
    expect(old?.search_keys).toEqual(expect.arrayContaining(["0100", "5550100"]));
    expect((await Lead.collection.findOne({ name: "Zip Owner" }))?.search_keys).toEqual(expect.arrayContaining(["76104", "zip owner"]));
    expect((await Lead.collection.findOne({ name: "Søren Weiß" }))?.search_keys).toEqual(expect.arrayContaining(["soren", "weiss", "soren weiss", "laka"]));

    expect((await Buyer.collection.findOne({ name: "Old Buyer" }))?.search_keys).toEqual(expect.arrayContaining(["4567", "5554567", "buyers.example", "old buyer", "2145554567"]));

    const record = await SchemaVersion.findOne({ collection: "leads", version: 1 }).lean();
    expect(record?.applied_at).toBeInstanceOf(Date);
    expect(record?.changes).toEqual([expect.objectContaining({ op: "updateMany", modified: 1 })]);

    const second = await runMigrations();
    expect(second.applied).toEqual([]);
    expect(await SchemaVersion.countDocuments({ collection: "leads" })).toBe(6);
  });

  it("runs a step again after a crash before it was recorded, without harm", async () => {
    let runs = 0;
    const step: Migration = { collection: "test", version: 1, name: "count-runs", up: async () => [{ run: ++runs }] };
    await runMigrations([step]);
    await SchemaVersion.deleteMany({ collection: "test" }); // as if the record was never written
    await runMigrations([step]);
    await runMigrations([step]);
    expect(runs).toBe(2);
    expect(await SchemaVersion.countDocuments({ collection: "test" })).toBe(1);
  });
});
