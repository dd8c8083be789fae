// The deal page's reads, server side, with 10,000 buyers and 100,000 leads in one tenant (issue 11,
// "Performance"): the large demo data (100,000 leads in acme) topped up to 10,000 buyers, then
// what app/t/[host]/deals/[id]/page.tsx reads for each of acme's deals, and the deal list.
// Prints a Markdown report with p50/p95. See docs/benchmarks.md, "Deal page".
//
//   npm run bench:deals -- --backend postgresql     FerretDB on PostgreSQL, a fresh database (the default backend of npm start)
//   npm run bench:deals                             FerretDB on SQLite
//   flags: --budget <seconds per measurement>, --uri mongodb://… (an already seeded database)
//
//   npm run bench:deals -- --backend postgresql --dashboard [--sizes 500,5000] [--database]
//     the disposition dashboard, deal list and board instead, on synthetic companies of N deals and
//     4N buyer messages each (deals-dashboard-data.ts), without the large demo data, served by the
//     deal read models (built first, as the worker does); --database also times the dashboard's
//     database reads (seconds each at 5,000 deals). See
//     docs/benchmarks.md, "Deals and the disposition dashboard".
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import mongoose, { Types } from "mongoose";
import { effectivePermissions } from "@/lib/core/permissions";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { scoped } from "@/lib/core/db/scoped";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { findDeal } from "@/lib/deals/get-deal";
import { readDealTimeline } from "@/lib/deals/get-deal-timeline";
import { emptyDealQuery } from "@/lib/deals/list/deal-list-query";
import { getDealBoard, listDeals } from "@/lib/deals/list/list-deals";
import { getOfferRule } from "@/lib/deals/offer-rule";
import { getBuyerOption } from "@/lib/deals/search-buyer-options";
import { findLead } from "@/lib/leads/get-lead";
import { matchBuyersForDeal } from "@/lib/matching/match-buyers";
import { reseedDemo } from "@/lib/seed/seed-demo";
import { Buyer, Deal, Lead, Tenant, User } from "@/models";
import { getDispositionDashboard } from "@/lib/deals/dashboard/get-disposition-dashboard";
import { Communication } from "@/models";
import { buyerContactReadModel, CONTACT_FILTER } from "@/lib/deals/dashboard/buyer-contacts";
import { DEAL_INDEX_PROJECTION } from "@/lib/deals/list/index/deal-index-row";
import { dealReadModel } from "@/lib/deals/list/index/deal-read-model";
import { seedDashboardCompany } from "./deals-dashboard-data";
import { DOMAIN_EVENTS_QUEUE } from "@/lib/core/events/queue";
import { READ_MODELS_QUEUE } from "@/lib/core/read-models/queue";
import { closeSharedQueue } from "@/lib/core/jobs/connection";
import { getRedis } from "@/lib/core/redis";
import { openBenchDatabase } from "./lib/bench-database";
import { measure, ms, summarise, type MeasureOptions, type Stats } from "./lib/measure";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const backend = (option("--backend") ?? "sqlite") as "sqlite" | "postgresql";
if (backend !== "sqlite" && backend !== "postgresql") throw new Error(`--backend must be sqlite or postgresql, not ${backend}`);
const givenUri = option("--uri");
const TIMING: MeasureOptions = { warmup: 2, minRuns: 20, maxRuns: 300, budgetMs: Number(option("--budget") ?? 30) * 1000 };
const BUYERS = 10_000;
const DB = "dealcycle_bench_deals";

const log = (line: string) => console.error(`[bench:deals ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function openDatabase() {
  if (givenUri) return { uri: givenUri, cpu: undefined, tune: async () => 0, stop: async () => {} };
  return openBenchDatabase("deals", DB, backend);
}

async function contextOf(email: string, role: "admin" | "disposition_manager"): Promise<TenantContext> {
  const acme = (await Tenant.findOne({ subdomain: "acme" }).lean())!;
  const user = (await User.findOne({ tenant_id: acme._id, email }).setOptions({ allTenants: true }).lean())!;
  return { tenantId: String(acme._id), userId: String(user._id), role, permissions: effectivePermissions(role) };
}

/** Buyers added to the demo's 200 up to 10,000: spread over the demo's Texas cities and price bands. */
async function topUpBuyers(ctx: TenantContext): Promise<number> {
  const have = await scoped(ctx, Buyer).countDocuments({});
  const cities = ["city:tx:dallas", "city:tx:fort-worth", "city:tx:garland", "city:tx:arlington", "city:tx:irving", "state:tx", "zip:75211", "zip:76105"];
  const types = ["single_family", "multi_family", "townhouse", "condo"];
  for (let i = have; i < BUYERS; i += 500) {
    const batch = Array.from({ length: Math.min(500, BUYERS - i) }, (_, k) => {
      const n = i + k;
      const min = 50_000 + (n % 20) * 10_000;
      return {
        name: `Bench Buyer ${n}`,
        phone: `+1817${String(2_000_000 + n).padStart(7, "0")}`,
        property_types: [types[n % types.length], types[(n + 1) % types.length]],
        price_range: { min, max: min + 100_000 + (n % 7) * 50_000 },
        preferred_locations: [cities[n % cities.length], cities[(n * 3 + 1) % cities.length]],
        is_active: n % 9 !== 0,
      };
    });
    await scoped(ctx, Buyer).insertMany(batch);
  }
  return scoped(ctx, Buyer).countDocuments({});
}

/** What the deal page reads, as page.tsx does: the deal, then its lead, buyer, history and the offer rule side by side. */
async function dealPage(ctx: TenantContext, id: string, withMatching: boolean) {
  const deal = await findDeal(ctx, id);
  if (!deal) throw new Error(`deal ${id} not found`);
  return Promise.all([
    deal.lead_id ? findLead(ctx, deal.lead_id) : null,
    getBuyerOption(ctx, deal.buyer_id),
    readDealTimeline(ctx, new Types.ObjectId(deal.id)),
    getOfferRule(ctx),
    withMatching ? matchBuyersForDeal(ctx, deal.id) : null,
  ]);
}

const SLOW: MeasureOptions = { warmup: 1, minRuns: 10, maxRuns: 300, budgetMs: Number(option("--budget") ?? 30) * 1000 };

/** The dashboard, list and board on companies of each size (`--dashboard`). */
async function dashboardRuns(run: (name: string, fn: (i: number) => Promise<unknown>, timing?: MeasureOptions) => Promise<void>, rows: { name: string; stats: Stats }[]) {
  const sizes = (option("--sizes") ?? "500,5000").split(",").map(Number);
  for (const n of sizes) {
    const started = performance.now();
    const tenantId = await seedDashboardCompany(`dash${n}`, n, 4 * n);
    log(`company dash${n}: ${n} deals, ${4 * n} buyer messages (${ms(performance.now() - started)})`);
    const ctx: TenantContext = { tenantId, userId: String(new Types.ObjectId()), role: "disposition_manager", permissions: effectivePermissions("disposition_manager") };
    const label = `${n.toLocaleString("en-US")} deals`;
    if (args.includes("--database")) {
      // Where the time goes without the read models: each of the dashboard's two reads, then the whole.
      const since = new Date(Date.now() - 7 * 86_400_000);
      await run(`${label}: deals read (every deal, the fields used)`, () => scoped(ctx, Deal).find({}, DEAL_INDEX_PROJECTION).lean(), SLOW);
      await run(`${label}: this week's buyer messages read (recipient ids)`, () => scoped(ctx, Communication).find({ ...CONTACT_FILTER, created_at: { $gte: since } }, { recipient_id: 1 }).lean(), SLOW);
      await run(`${label}: disposition dashboard, from the database`, () => getDispositionDashboard(ctx, { source: "database" }), SLOW);
    }
    const models = [dealReadModel, buyerContactReadModel];
    await Promise.all(models.map((m) => m.store.drop(tenantId)));
    const t0 = performance.now();
    const [deals, contacts] = await Promise.all(models.map((m) => m.build({ tenantId })));
    log(`${label}: read models built (${deals?.rows} deals, ${contacts?.rows} contacts this week and last) in ${ms(performance.now() - t0)}`);
    await run(`${label}: **disposition dashboard**`, () => getDispositionDashboard(ctx));
    await run(`${label}: disposition dashboard, this process's copy dropped first (read whole from Redis)`, async () => {
      models.forEach((m) => m.forgetLocal(tenantId));
      await getDispositionDashboard(ctx);
    }, SLOW);
    // After a change to one deal (through the data layer: the event feeds the rows), the next
    // read catches up by reading that deal's value again: the read is timed, not the change.
    const ids = (await scoped(ctx, Deal).find({ status: "pending" }, { _id: 1 }).limit(40).lean()).map((d) => d._id);
    const samples: number[] = [];
    for (const [i, id] of ids.entries()) {
      await scoped(ctx, Deal).updateOne({ _id: id }, { $set: { "financials.purchase_price": 100_000 + i } });
      const t = performance.now();
      await getDispositionDashboard(ctx);
      samples.push(performance.now() - t);
    }
    const caughtUp = summarise(samples);
    rows.push({ name: `${label}: disposition dashboard right after a deal changed (catching up)`, stats: caughtUp });
    log(`${label}: dashboard after a change: p50 ${ms(caughtUp.p50)}, p95 ${ms(caughtUp.p95)} (${caughtUp.runs} runs)`);
    await run(`${label}: **deal list**, first page + total`, () => listDeals(ctx, emptyDealQuery()));
    await run(`${label}: deal list, open deals without a buyer, by closing date`, () => listDeals(ctx, { ...emptyDealQuery(), status: ["pending", "under_contract"], buyer: "no", sort: "closing_date", dir: "asc" }));
    await run(`${label}: deal list, search "17 bench"`, () => listDeals(ctx, { ...emptyDealQuery(), q: "17 bench" }));
    await run(`${label}: **deal board**`, () => getDealBoard(ctx, { type: [] }));
  }
}

async function main() {
  const before = loadavg();
  const db = await openDatabase();
  const rows: { name: string; stats: Stats }[] = [];
  let seed = "";
  try {
    await mongoose.connect(db.uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20 });
    await runMigrations();
    const run = async (name: string, fn: (i: number) => Promise<unknown>, timing = TIMING) => {
      const stats = await measure(fn, timing, db.cpu);
      rows.push({ name, stats });
      log(`${name}: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)} (${stats.runs} runs)`);
    };
    if (args.includes("--dashboard")) {
      const tuned = await db.tune();
      if (tuned) log(`PostgreSQL: ${tuned} GIN indexes`);
      await dashboardRuns(run, rows);
      report(rows, [`FerretDB 1.24 on ${backend}; synthetic companies (${option("--sizes") ?? "500,5000"} deals, 4 buyer messages per deal), as a disposition manager.`], before, `npm run bench:deals -- --backend ${backend} --dashboard`);
      return;
    }
    if (!givenUri || !(await Tenant.exists({ subdomain: "acme" }))) {
      log(`FerretDB on ${backend}: seeding the large demo data (100,000 leads in acme)`);
      const started = performance.now();
      const counts = await reseedDemo({ large: true });
      seed = `Seeded ${counts.leads.toLocaleString("en-US")} leads in ${ms(performance.now() - started)}.`;
      log(seed);
    }
    const tuned = await db.tune();
    if (tuned) log(`PostgreSQL: ${tuned} GIN indexes`);
    const dispo = await contextOf("dispo@acme.example.com", "disposition_manager");
    const buyers = await topUpBuyers(dispo);
    const leads = await scoped(dispo, Lead).countDocuments({});
    log(`${buyers.toLocaleString("en-US")} buyers in acme`);
    const deals = (await scoped(dispo, Deal).find({}, { _id: 1 }).lean()).map((d) => String(d._id));
    log(`${deals.length} deals in acme`);
    const id = (i: number) => deals[i % deals.length];
    await run("findDeal (by _id, tenant and visibility checked)", (i) => findDeal(dispo, id(i)));
    await run("readDealTimeline (activities by entity)", (i) => readDealTimeline(dispo, new Types.ObjectId(id(i))));
    await run("Deal page read (deal, lead, buyer, history, offer rule)", (i) => dealPage(dispo, id(i), false));
    await run("Deal page read with the ranked buyers (matchBuyersForDeal over 10,000 buyers)", (i) => dealPage(dispo, id(i), true), { warmup: 1, minRuns: 5, maxRuns: 20, budgetMs: 30_000 });
    await run("Deal list, first page + total", () => listDeals(dispo, emptyDealQuery()));
    await run("Deal list, open deals without a buyer", () => listDeals(dispo, { ...emptyDealQuery(), status: ["pending", "under_contract"], buyer: "no" }));
    const rep = await contextOf("rep@acme.example.com", "admin").then((c) => ({ ...c, role: "acquisition_rep" as const, permissions: effectivePermissions("acquisition_rep") }));
    await run("Deal list as a rep (deals of their own leads)", () => listDeals(rep, emptyDealQuery()));
    report(rows, [`FerretDB 1.24 on ${backend}; ${seed || "existing data"} ${buyers.toLocaleString("en-US")} buyers and ${deals.length} deals in acme${leads ? `, ${leads.toLocaleString("en-US")} leads` : ""}. Reads as acme's disposition manager, cycling over every deal.`], before, `npm run bench:deals -- --backend ${backend}`);
  } finally {
    await mongoose.disconnect();
    await db.stop();
    // The read models' Redis and the queues its events and builds use would keep the process alive.
    await Promise.all([closeSharedQueue(DOMAIN_EVENTS_QUEUE), closeSharedQueue(READ_MODELS_QUEUE)]);
    getRedis().disconnect();
  }
}

function report(rows: { name: string; stats: Stats }[], intro: string[], before: number[], command: string) {
  const after = loadavg();
  const out = [
    ...intro,
    `Load average ${before.map((x) => x.toFixed(1)).join(" ")} before, ${after.map((x) => x.toFixed(1)).join(" ")} after (${cpus().length} CPUs).`,
    "",
    "| Read | Runs | p50 | p95 | Mean | Database CPU per read |",
    "|---|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.name} | ${r.stats.runs} | ${ms(r.stats.p50)} | ${ms(r.stats.p95)} | ${ms(r.stats.mean)} | ${r.stats.cpuMean === undefined ? "—" : ms(r.stats.cpuMean)} |`),
    "",
    `Reproduce: ${command}`,
  ];
  console.log(out.join("\n"));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
