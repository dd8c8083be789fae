import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { randomBytes } from "node:crypto";
import { MongoClient, ObjectId } from "mongodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tunePostgresForFerretDB } from "./pg-tuning.mjs";
import { freePort } from "./proc.mjs";
import { startFerretDB, withCustomPlans } from "./services.mjs";

// FerretDB on a throwaway PostgreSQL database of the machine's server (as `npm start` uses it).
const pgDb = `dealcycle_tuning_${randomBytes(4).toString("hex")}`;
const pgUrl = `postgres://postgres@127.0.0.1:5432/${pgDb}`;
const psql = (sql: string) => execFileSync("psql", [pgUrl, "-tA", "-c", sql], { encoding: "utf8" });
let client: MongoClient;
let stop: () => void;

beforeAll(async () => {
  execFileSync("createdb", ["-h", "127.0.0.1", "-U", "postgres", pgDb]);
  const { uri, child } = await startFerretDB({ dataDir: tmpdir(), port: await freePort(), backend: "postgresql", postgresqlUrl: pgUrl });
  stop = () => child.kill("SIGTERM");
  client = await MongoClient.connect(uri);
});

afterAll(async () => {
  await client?.close();
  stop?.();
  execFileSync("dropdb", ["-h", "127.0.0.1", "-U", "postgres", "--force", pgDb]);
});

describe("tunePostgresForFerretDB", () => {
  it("indexes the lookup fields so PostgreSQL answers FerretDB's pushed-down equality from an index, with the same results", async () => {
    const tenant = new ObjectId();
    const leads = client.db("app").collection("leads");
    const docs = Array.from({ length: 3000 }, (_, i) => ({ _id: new ObjectId(), tenant_id: tenant, phone: `+1214555${String(i).padStart(4, "0")}`, tags: i % 2 ? ["absentee"] : [] }));
    await leads.insertMany(docs);
    const target = docs[2345];

    const created = await tunePostgresForFerretDB(pgUrl, "app");
    expect(created).toBeGreaterThanOrEqual(6); // _id, phone, email, address_key, assigned_to, tags
    expect(await tunePostgresForFerretDB(pgUrl, "app")).toBe(0);

    expect(await leads.findOne({ _id: target._id, tenant_id: tenant })).toEqual(target);
    expect(await leads.findOne({ tenant_id: tenant, phone: target.phone })).toEqual(target);
    expect(await leads.countDocuments({ tenant_id: tenant, tags: "absentee" })).toBe(1500);

    const table = psql(`SELECT _jsonb->>'table' FROM app._ferretdb_database_metadata WHERE _jsonb->>'_id' = 'leads'`).trim();
    psql(`ANALYZE app."${table}"`);
    const plan = psql(`EXPLAIN SELECT _jsonb FROM app."${table}" WHERE _jsonb->'phone' @> '"${target.phone}"'`);
    expect(plan).toMatch(/Bitmap Index Scan on dc_gin_/);
  });
});

describe("FerretDB's PostgreSQL connections", () => {
  it("ask for custom plans (a generic plan cannot use the GIN indexes), keeping a setting already given", () => {
    expect(new URL(withCustomPlans(pgUrl)).searchParams.get("plan_cache_mode")).toBe("force_custom_plan");
    expect(withCustomPlans(`${pgUrl}?plan_cache_mode=auto&sslmode=disable`)).toBe(`${pgUrl}?plan_cache_mode=auto&sslmode=disable`);
  });
});
