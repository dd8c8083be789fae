// Matching one deal against a tenant's buyers, server side: 10,000 buyers and 100,000 leads in one
// tenant on the embedded database (FerretDB on PostgreSQL with the GIN indexes `npm start` adds),
// plus the history matching reads (closed deals, messages to buyers). Prints a Markdown report:
// p50/p95 of matchBuyersForDeal, of the reverse (matchDealsForBuyer) and of the learned buy box,
// and where the time goes per database command. See docs/benchmarks.md, "Matching".
//
//   npm run bench:matching                         FerretDB on PostgreSQL (127.0.0.1:5432, trust auth)
//   npm run bench:matching -- --backend sqlite     FerretDB on SQLite
//   flags: --buyers <n> (10000), --leads <n> (100000), --budget <seconds per measurement> (30),
//          --runs <n> (at least this many timed runs, 20)
//   (node --conditions=react-server --import tsx scripts/bench/matching.ts [flags])
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import mongoose, { Types } from "mongoose";
import { effectivePermissions } from "@/lib/core/permissions";
import { runMigrations } from "@/lib/migrations/run-migrations";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { scoped } from "@/lib/core/db/scoped";
import { buildBuyerBoxes, forgetBuyerBoxes } from "@/lib/matching/buyer-box-index";
import { buildBuyerHistories, dropTenantHistories, forgetTenantHistories } from "@/lib/matching/buyer-histories";
import { buildOpenProperties, forgetOpenProperties } from "@/lib/matching/open-properties";
import { learnedBuyBox } from "@/lib/matching/learn-buy-box";
import { matchBuyersForDeal } from "@/lib/matching/match-buyers";
import { matchDealsForBuyer } from "@/lib/matching/match-deals-for-buyer";
import { ACME_CITIES } from "@/lib/seed/data/places";
import { Buyer, Tenant } from "@/models";
import { openBenchDatabase } from "./lib/bench-database";
import { measure, ms, summarise, type MeasureOptions, type Stats } from "./lib/measure";
import { createRng } from "@/lib/seed/random";
import { backendOption, benchLog, option } from "./lib/options";

const backend = backendOption("postgresql");
const BUYERS = Number(option("--buyers") ?? 10_000);
const LEADS = Number(option("--leads") ?? 100_000);
const budgetMs = Number(option("--budget") ?? 30) * 1000;
const TIMING: MeasureOptions = { warmup: 2, minRuns: Number(option("--runs") ?? 20), maxRuns: 200, budgetMs };
// A rebuild reads every buyer: a few runs are enough.
const FEW: MeasureOptions = { warmup: 0, minRuns: 3, maxRuns: 3, budgetMs: 0 };
const DB = "dealcycle_bench_matching";
const TYPES = ["single_family", "multi_family", "townhouse", "condo", "mobile_home", "land"] as const;

const log = benchLog("matching");

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
const round = (n: number) => Math.round(n / 5_000) * 5_000;

// ---- Database commands, as the driver timed them ---------------------------------------------

type Sent = { command: string; collection: string; filter: string; body: Record<string, unknown> };
type CommandStats = { count: number; totalMs: number; sent: Sent; pushdown?: string };
const sentById = new Map<number, Sent>();
let recording: Map<string, CommandStats> | null = null;

function shape(value: unknown): string {
  if (Array.isArray(value)) return value.length > 3 ? `[${shape(value[0])} ×${value.length}]` : `[${value.map(shape).join(",")}]`;
  if (value instanceof Types.ObjectId || (value && typeof value === "object" && "_bsontype" in value)) return "id";
  if (value instanceof Date) return "date";
  if (value && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${k}:${shape(v)}`).join(",")}}`;
  return typeof value;
}

function watchCommands(client: ReturnType<typeof mongoose.connection.getClient>) {
  client.on("commandStarted", (e) => {
    // A getMore names its cursor, not a query: all of a collection's are one row.
    const more = e.commandName === "getMore";
    const collection = String(more ? e.command.collection : (e.command[e.commandName] ?? ""));
    sentById.set(e.requestId, { command: e.commandName, collection, filter: more ? "(next batches of the finds above)" : shape(e.command.filter ?? e.command.query ?? {}), body: e.command });
  });
  const done = (e: { requestId: number; duration: number }) => {
    const sent = sentById.get(e.requestId);
    sentById.delete(e.requestId);
    if (!recording || !sent || ["endSessions", "ping", "hello", "isMaster"].includes(sent.command)) return;
    const key = `${sent.command} ${sent.collection} ${sent.filter}`;
    const row = recording.get(key) ?? { count: 0, totalMs: 0, sent };
    row.count += 1;
    row.totalMs += e.duration;
    recording.set(key, row);
  };
  client.on("commandSucceeded", done);
  client.on("commandFailed", done);
}

async function explainPushdown(sent: Sent): Promise<string> {
  if (sent.command !== "find") return "—";
  const body = Object.fromEntries(Object.entries(sent.body).filter(([k]) => !k.startsWith("$") && k !== "lsid" && k !== "txnNumber"));
  try {
    const res = await mongoose.connection.db!.command({ explain: body });
    return String(res.filterPushdown ?? "—");
  } catch (err) {
    return `explain failed: ${(err as Error).message.slice(0, 40)}`;
  }
}

// ---- Data ------------------------------------------------------------------------------------

async function insertInBatches(collection: string, docs: Record<string, unknown>[]) {
  const c = mongoose.connection.db!.collection(collection);
  for (let i = 0; i < docs.length; i += 1000) await c.insertMany(docs.slice(i, i + 1000), { ordered: false });
}

/**
 * One tenant: LEADS leads, BUYERS buyers over acme's metros (locations a mix of ZIPs, cities,
 * counties and states; a few with none), 3,000 closed deals spread over 1,500 buyers, 40,000
 * messages to and from buyers, 60 open deals. Written with the driver (no events): the data
 * layer's reads are what is measured.
 */
async function seed(tenantId: Types.ObjectId) {
  const r = createRng(42);
  const now = Date.now();
  const day = 86_400_000;
  const leads: Record<string, unknown>[] = [];
  const addressOf = () => {
    const c = r.pick(ACME_CITIES);
    return { city: c, address: { street: `${r.int(100, 9999)} ${r.pick(["Elm", "Oak", "Pine", "Main", "Cedar"])} St`, city: c.city, state: c.state, county: c.county, zip_code: r.pick(c.zips) } };
  };
  for (let i = 0; i < LEADS; i++) {
    const { city, address } = addressOf();
    leads.push({
      tenant_id: tenantId,
      name: `Seller ${i}`,
      phone: `+1${String(2_000_000_000 + i)}`,
      status: r.pick(["new", "new", "contacted", "contacted", "under_contract", "closed", "lost"]),
      priority: "medium",
      address,
      property_details: { type: r.chance(0.8) ? "single_family" : r.pick(TYPES) },
      estimated_value: round(city.value * (0.7 + r.next() * 0.6)),
      asking_price: round(city.value * (0.5 + r.next() * 0.3)),
      tags: [],
      created_at: new Date(now - r.int(1, 700) * day),
      updated_at: new Date(now - r.int(0, 30) * day),
    });
  }
  log(`inserting ${LEADS.toLocaleString("en-US")} leads`);
  await insertInBatches("leads", leads);

  const buyerIds: Types.ObjectId[] = [];
  const buyers: Record<string, unknown>[] = [];
  for (let i = 0; i < BUYERS; i++) {
    const c = r.pick(ACME_CITIES);
    const st = c.state.toLowerCase();
    const locations = new Set<string>();
    const n = r.chance(0.05) ? 0 : r.int(1, 4);
    for (let k = 0; k < n; k++) {
      const kind = r.next();
      const near = r.chance(0.7) ? c : r.pick(ACME_CITIES.filter((x) => x.state === c.state));
      if (kind < 0.3) locations.add(`zip:${r.pick(near.zips)}`);
      else if (kind < 0.7) locations.add(`city:${st}:${slug(near.city)}`);
      else if (kind < 0.88) locations.add(`county:${st}:${slug(near.county)}`);
      else locations.add(`state:${st}`);
    }
    const types = TYPES.filter((_, k) => r.chance([0.85, 0.3, 0.15, 0.1, 0.08, 0.08][k]));
    const id = new Types.ObjectId();
    buyerIds.push(id);
    buyers.push({
      _id: id,
      tenant_id: tenantId,
      name: `Buyer ${i}`,
      phone: `+1${String(3_000_000_000 + i)}`,
      property_types: types.length ? types : ["single_family"],
      price_range: { min: round(c.value * (0.2 + r.next() * 0.3)), max: round(c.value * (0.7 + r.next() * 0.8)) },
      preferred_locations: [...locations],
      funding_type: r.pick(["cash", "cash", "hard_money", "private_money", "conventional"]),
      proof_of_funds: r.chance(0.4) ? { file_id: `f${i}`, expires_at: new Date(now + r.int(-90, 180) * day) } : undefined,
      is_active: r.chance(0.88),
      is_verified: r.chance(0.5),
      last_contacted: r.chance(0.6) ? new Date(now - r.int(0, 400) * day) : undefined,
      tags: [],
      search_keys: [],
      created_at: new Date(now - r.int(1, 700) * day),
      updated_at: new Date(now - r.int(0, 30) * day),
    });
  }
  log(`inserting ${BUYERS.toLocaleString("en-US")} buyers`);
  await insertInBatches("buyers", buyers);

  const deals: Record<string, unknown>[] = [];
  const dealOf = (status: string, buyer?: Types.ObjectId) => {
    const { city, address } = addressOf();
    const price = round(city.value * (0.5 + r.next() * 0.3));
    return {
      tenant_id: tenantId,
      status,
      deal_type: "wholesale",
      buyer_id: buyer,
      property_address: address,
      property_details: { type: r.chance(0.85) ? "single_family" : r.pick(TYPES) },
      financials: { purchase_price: price, assignment_fee: round(10_000 + r.next() * 15_000) },
      analysis: { arv: round(city.value * (0.9 + r.next() * 0.4)) },
      timeline: { contract_date: new Date(now - r.int(30, 400) * day), closing_date: status === "closed" ? new Date(now - r.int(1, 300) * day) : undefined },
      created_at: new Date(now - r.int(30, 400) * day),
      updated_at: new Date(now - r.int(0, 30) * day),
    };
  };
  for (let i = 0; i < 3000; i++) deals.push(dealOf("closed", buyerIds[r.int(0, Math.min(1500, BUYERS) - 1)]));
  for (let i = 0; i < 60; i++) deals.push(dealOf(r.chance(0.5) ? "pending" : "under_contract"));
  log(`inserting ${deals.length.toLocaleString("en-US")} deals`);
  await insertInBatches("deals", deals);

  const messages: Record<string, unknown>[] = [];
  for (let i = 0; i < 20_000; i++) {
    const buyer = buyerIds[r.int(0, Math.min(BUYERS, 4000) - 1)];
    const at = now - r.int(0, 360) * day - r.int(0, 86_400) * 1000;
    messages.push({ tenant_id: tenantId, type: "sms", direction: "outbound", recipient_type: "buyer", recipient_id: buyer, status: "delivered", content: "New deal", sent_at: new Date(at), created_at: new Date(at), updated_at: new Date(at) });
    if (r.chance(0.6)) {
      const back = at + r.int(1, 3000) * 60_000;
      messages.push({ tenant_id: tenantId, type: "sms", direction: "inbound", recipient_type: "buyer", recipient_id: buyer, status: "received", content: "Interested", sent_at: new Date(back), created_at: new Date(back), updated_at: new Date(back) });
    }
  }
  log(`inserting ${messages.length.toLocaleString("en-US")} buyer messages`);
  await insertInBatches("communications", messages);
}

// ---- Run -------------------------------------------------------------------------------------

const openDatabase = () => openBenchDatabase("matching", DB, backend);

type Row = { name: string; stats: Stats; commands: CommandStats[]; note: string };

async function main() {
  const load = { before: loadavg() };
  const db = await openDatabase();
  const rows: Row[] = [];
  try {
    await mongoose.connect(db.uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, monitorCommands: true });
    watchCommands(mongoose.connection.getClient());
    await runMigrations();
    const tenant = await Tenant.create({ name: "Bench Buyers", subdomain: "benchmatch" });
    const started = performance.now();
    await seed(tenant._id);
    const seeded = performance.now() - started;
    log(`seeded in ${ms(seeded)}`);
    const tuned = await db.tune();
    if (tuned) log(`PostgreSQL: ${tuned} GIN indexes created`);
    const ctx: TenantContext = { tenantId: String(tenant._id), role: "admin", permissions: effectivePermissions("admin") };
    const open = await mongoose.connection.db!.collection("deals").find({ tenant_id: tenant._id, status: { $in: ["pending", "under_contract"] } }, { projection: { _id: 1 } }).toArray();
    const dealIds = open.map((d) => String(d._id));
    const closedBuyers = await mongoose.connection.db!.collection("deals").distinct("buyer_id", { tenant_id: tenant._id, status: "closed" });
    const buyerIds = closedBuyers.slice(0, 40).map(String);

    let sizes: number[] = [];
    const run = async (name: string, fn: (i: number) => Promise<unknown>, note = "", timing = TIMING) => {
      recording = new Map();
      const stats = await measure(fn, timing, db.cpu);
      const perRun = stats.runs + timing.warmup;
      const commands = [...recording.values()].map((c) => ({ ...c, count: c.count / perRun, totalMs: c.totalMs / perRun }));
      recording = null;
      for (const c of commands) c.pushdown = await explainPushdown(c.sent);
      rows.push({ name, stats, commands, note });
      log(`${name}: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)} (${stats.runs} runs)`);
      for (const c of [...commands].sort((a, b) => b.totalMs - a.totalMs).slice(0, 6)) log(`  ${ms(c.totalMs)} ×${c.count.toFixed(1)} ${c.sent.command} ${c.sent.collection} ${c.sent.filter.slice(0, 100)} pushdown ${c.pushdown}`);
    };
    process.env.MATCHING_INDEX = "on";
    // The worker's builds (lib/processors.ts): one read of the tenant's buyers, and of its open
    // deals and leads under contract, into Redis (the buyer histories below). No request ever does this.
    const coldStart = performance.now();
    await run("building the tenant's buyer boxes in the worker (one read of its buyers, written to Redis)", () => buildBuyerBoxes(ctx), "not in any request", FEW);
    await run("building the tenant's open properties in the worker (open deals, leads under contract)", () => buildOpenProperties(ctx), "not in any request", FEW);
    const cold = performance.now() - coldStart;
    await run("matchBuyersForDeal, a tenant's first match anywhere (boxes loaded from Redis; no shared buyer histories yet: those of the buyers who fit read by their ids)", async (i) => {
      forgetBuyerBoxes();
      await dropTenantHistories(ctx.tenantId);
      await matchBuyersForDeal(ctx, dealIds[i % dealIds.length]);
    }, "", FEW);
    await run("building the tenant's buyer histories in the worker (every closed deal and a year of buyer messages, written to Redis)", () => buildBuyerHistories(ctx), "not in any request", FEW);
    await run("matchBuyersForDeal, first match of another web process (boxes and buyer histories loaded from Redis)", async (i) => {
      forgetBuyerBoxes();
      forgetTenantHistories(ctx.tenantId);
      await matchBuyersForDeal(ctx, dealIds[i % dealIds.length]);
    }, "", FEW);
    await run("matchBuyersForDeal: one deal against the tenant's buyers (shared buyer boxes, the default on the embedded database)", async (i) => {
      const r = await matchBuyersForDeal(ctx, dealIds[i % dealIds.length]);
      sizes.push(r.matches.length + r.misses.length);
    });
    const ranked = sizes;
    sizes = [];
    // A buyer's box changes through the data layer (its event re-reads the buyer into the shared
    // boxes, in the writer's process); the match after it is timed, the write apart.
    const someBuyers = buyerIds.slice(0, 20);
    {
      const name = "matchBuyersForDeal right after one buyer's box changed (the change caught up from Redis)";
      recording = new Map();
      const samples: number[] = [];
      const writes: number[] = [];
      const cpu0 = db.cpu();
      const started = performance.now();
      for (let i = 0; samples.length < TIMING.minRuns || (performance.now() - started < budgetMs && samples.length < TIMING.maxRuns); i++) {
        const w = performance.now();
        await scoped(ctx, Buyer).updateOne({ _id: new Types.ObjectId(someBuyers[i % someBuyers.length]) }, { $set: { "price_range.max": 400_000 + (i % 7) * 5_000 } });
        writes.push(performance.now() - w);
        const t = performance.now();
        await matchBuyersForDeal(ctx, dealIds[i % dealIds.length]);
        samples.push(performance.now() - t);
      }
      const stats = { ...summarise(samples), cpuMean: (db.cpu() - cpu0) / samples.length };
      const commands = [...recording.values()].map((c) => ({ ...c, count: c.count / samples.length, totalMs: c.totalMs / samples.length }));
      recording = null;
      const w = summarise(writes);
      rows.push({ name, stats, commands, note: `the write, its event and the box re-read apart: p50 ${ms(w.p50)}, p95 ${ms(w.p95)}; database CPU includes the writes` });
      log(`${name}: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)} (${stats.runs} runs); writes p50 ${ms(w.p50)}`);
    }
    process.env.MATCHING_INDEX = "off";
    await run("matchBuyersForDeal with MATCHING_INDEX=off (the database's queries, as on MongoDB)", (i) => matchBuyersForDeal(ctx, dealIds[i % dealIds.length]));
    await run("matchDealsForBuyer with MATCHING_INDEX=off (open deals and leads under contract read from the database)", (i) => matchDealsForBuyer(ctx, buyerIds[i % buyerIds.length]));
    process.env.MATCHING_INDEX = "on";
    forgetOpenProperties();
    await run("matchDealsForBuyer: open deals and leads under contract for one buyer (shared open properties)", (i) => matchDealsForBuyer(ctx, buyerIds[i % buyerIds.length]));
    await run("learnedBuyBox: one buyer's closed deals against their box", (i) => learnedBuyBox(ctx, buyerIds[i % buyerIds.length]));

    const counts = Object.fromEntries(
      await Promise.all(["leads", "buyers", "deals", "communications"].map(async (c) => [c, await mongoose.connection.db!.collection(c).estimatedDocumentCount()] as const)),
    );
    const avg = ranked.reduce((a, b) => a + b, 0) / Math.max(1, ranked.length);
    console.log(report(rows, { seeded, counts, load: { ...load, after: loadavg() }, avgRanked: avg, deals: dealIds.length, cold }));
  } finally {
    await mongoose.disconnect();
    await db.stop();
  }
}

function report(rows: Row[], info: { seeded: number; counts: Record<string, number>; load: { before: number[]; after: number[] }; avgRanked: number; deals: number; cold: number }): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const out: string[] = [
    `FerretDB 1.24 on ${backend}. One tenant: ${Object.entries(info.counts).map(([c, k]) => `${c} ${n(k)}`).join(", ")} (seeded in ${ms(info.seeded)}).`,
    `Load average ${info.load.before.map((x) => x.toFixed(1)).join(" ")} before, ${info.load.after.map((x) => x.toFixed(1)).join(" ")} after (${cpus().length} CPUs). ${info.deals} open deals matched in turn; on average ${n(info.avgRanked)} buyers of their areas read and ranked (fits + misses) per deal. The worker's two builds took ${ms(info.cold)} in all (three runs each).`,
    "",
    "| Read | Runs | p50 | p95 | Mean | Database CPU per read |",
    "|---|---:|---:|---:|---:|---:|",
  ];
  for (const r of rows) out.push(`| ${r.name}${r.note ? ` (${r.note})` : ""} | ${r.stats.runs} | ${ms(r.stats.p50)} | ${ms(r.stats.p95)} | ${ms(r.stats.mean)} | ${r.stats.cpuMean === undefined ? "—" : ms(r.stats.cpuMean)} |`);
  for (const r of rows) {
    if (!r.commands.length) continue;
    out.push("", `Where the time goes, ${r.name} (database commands per read, FerretDB's time as the driver timed it; reads run side by side, so times overlap):`, "");
    out.push("| Command | Collection | Filter (shape) | Per read | Time per read | Filter pushed down |", "|---|---|---|---:|---:|---|");
    for (const c of [...r.commands].sort((a, b) => b.totalMs - a.totalMs)) {
      out.push(`| ${c.sent.command} | ${c.sent.collection} | \`${c.sent.filter.slice(0, 110)}\` | ${c.count.toFixed(2)} | ${ms(c.totalMs)} | ${c.pushdown} |`);
    }
  }
  out.push("", `Reproduce: npm run bench:matching${backend === "postgresql" ? "" : " -- --backend sqlite"}`);
  return out.join("\n");
}

// Redis (the data layer's events) and the history cache's timers would keep the process alive.
main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
