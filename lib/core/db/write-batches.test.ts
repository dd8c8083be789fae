import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { scoped } from "@/lib/core/db/scoped";
import { createTenant, leadInput } from "@/lib/testing/factories";
import { Lead } from "@/models/lead";
import { MAX_OTHER_WRITES_PER_COMMAND, MAX_UPDATES_PER_COMMAND } from "./write-batches";

// On FerretDB with PostgreSQL (what `npm start` runs) an update command of 50 statements never
// returned and took the whole server down with it; these batches are ten times that.
const BIG = 500;
const ids = (n: number) => Array.from({ length: n }, () => new mongoose.Types.ObjectId());

describe("write commands are bounded whoever builds them", () => {
  // A second client on the test database, watching the commands it sends.
  let client: mongoose.mongo.MongoClient;
  const sent: { name: string; statements: number }[] = [];
  beforeAll(async () => {
    client = new mongoose.mongo.MongoClient(process.env.MONGODB_URI!, { monitorCommands: true });
    client.on("commandStarted", (e) => {
      const list = e.command.updates ?? e.command.deletes ?? e.command.documents;
      if (["update", "delete", "insert"].includes(e.commandName)) sent.push({ name: e.commandName, statements: list?.length ?? 0 });
    });
    await client.connect();
  });
  afterAll(() => client.close());
  const collection = (name: string) => client.db().collection<{ _id: mongoose.Types.ObjectId; n: number }>(name);
  const largest = (name: string) => Math.max(...sent.filter((c) => c.name === name).map((c) => c.statements));

  it("splits a raw bulkWrite of 500 updateOnes into small update commands and counts every update", { timeout: 60_000 }, async () => {
    const col = collection("raw_updates");
    const docs = ids(BIG).map((_id, n) => ({ _id, n }));
    await col.insertMany(docs);
    sent.length = 0;
    const res = await col.bulkWrite(docs.map((d) => ({ updateOne: { filter: { _id: d._id }, update: { $set: { n: d.n + 1 } } } })));
    expect(res).toMatchObject({ matchedCount: BIG, modifiedCount: BIG });
    expect(largest("update")).toBe(MAX_UPDATES_PER_COMMAND);
    expect(await col.countDocuments({ n: { $gte: 1 } })).toBe(BIG);
  });

  it("returns every upserted id at its own index across the split commands", async () => {
    const col = collection("raw_upserts");
    const fresh = ids(3 * MAX_UPDATES_PER_COMMAND + 3);
    const res = await col.bulkWrite(fresh.map((_id, n) => ({ updateOne: { filter: { _id }, update: { $set: { n } }, upsert: true } })));
    expect(res.upsertedCount).toBe(fresh.length);
    expect(Object.entries(res.upsertedIds).map(([i, id]) => [Number(i), String(id)])).toEqual(fresh.map((id, i) => [i, String(id)]));
  });

  it("stops an ordered bulkWrite at its first failing operation, reporting that operation's index", async () => {
    const col = collection("raw_ordered");
    const docs = ids(40).map((_id, n) => ({ _id, n }));
    await col.insertOne(docs[0]);
    const updates = (from: number, to: number) => docs.slice(from, to).map(() => ({ updateOne: { filter: { _id: docs[0]._id }, update: { $inc: { n: 1 } } } }));
    const ops = [...updates(0, 25), { insertOne: { document: docs[0] } }, ...updates(0, 15)];
    const err = await col.bulkWrite(ops).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(mongoose.mongo.MongoBulkWriteError);
    expect((err as mongoose.mongo.MongoBulkWriteError).writeErrors).toMatchObject([{ index: 25, code: 11000 }]);
    // The 25 updates before the duplicate insert ran; the 15 after it did not.
    expect((await col.findOne({ _id: docs[0]._id }))?.n).toBe(25);
  });

  it("keeps inserts in large commands and returns every inserted id at its index", async () => {
    const col = collection("raw_inserts");
    const docs = ids(MAX_OTHER_WRITES_PER_COMMAND + 5).map((_id, n) => ({ _id, n }));
    sent.length = 0;
    const res = await col.insertMany(docs);
    expect(res.insertedCount).toBe(docs.length);
    expect(Object.entries(res.insertedIds).map(([i, id]) => [Number(i), String(id)])).toEqual(docs.map((d, i) => [i, String(d._id)]));
    expect(largest("insert")).toBe(MAX_OTHER_WRITES_PER_COMMAND);
  });
});

describe(`the app's batches on the test database (${inject("ferretdbBackend") ?? "TEST_MONGODB_URI"})`, () => {
  // FerretDB scans the leads table for each update by id here (the tests' databases have no GIN
  // indexes), so 200 rather than 500 keeps the test quick; it is still four times the hang.
  it("updates 200 leads with one scoped bulkWrite", { timeout: 60_000 }, async () => {
    const { ctx: admin } = await createTenant();
    const leads = await scoped(admin, Lead).insertMany(Array.from({ length: 200 }, () => leadInput()));
    const res = await scoped(admin, Lead).bulkWrite(leads.map((l) => ({ updateOne: { filter: { _id: l._id }, update: { $set: { status: "contacted" } } } })));
    expect(res).toMatchObject({ matchedCount: 200, modifiedCount: 200 });
    expect(await scoped(admin, Lead).countDocuments({ status: "contacted" })).toBe(200);
  });

  it("inserts 500 leads with one scoped insertMany, every one stored", async () => {
    const { ctx: admin } = await createTenant();
    const inserted = await scoped(admin, Lead).insertMany(Array.from({ length: BIG }, () => leadInput()));
    expect(inserted).toHaveLength(BIG);
    expect(await scoped(admin, Lead).countDocuments()).toBe(BIG);
  });
});
