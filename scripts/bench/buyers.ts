// The buyer list, server side: 10,000 buyers (and 100,000 leads beside them) in one tenant on the
// embedded database (FerretDB on PostgreSQL with the GIN indexes `npm start` adds). Prints a
// Markdown report: p50/p95 of listBuyers (first page + total) unfiltered, filtered, searched and
// paged deep, served from the buyer list's read model (rows in memory, as `npm start` serves
// them), and where the time goes per database command; then each search's work over the rows
// held in memory, every row tested versus the rows the search index finds, run alternately so
// both see the same load. See docs/benchmarks.md, "Buyers".
//
//   npm run bench:buyers                           FerretDB on PostgreSQL (127.0.0.1:5432, trust auth)
//   npm run bench:buyers -- --backend sqlite       FerretDB on SQLite
//   flags: --buyers <n> (10000), --leads <n> (100000), --budget <seconds per measurement> (20),
//          --runs <n> (at least this many timed runs, 20),
//          --database <n> (also time the database path, as LEAD_LIST_INDEX=off / MongoDB reads it,
//          for the first <n> reads, 3 runs each; 0 by default: at 10,000 buyers each run takes seconds)
//   (node --conditions=react-server --import tsx scripts/bench/buyers.ts [flags])
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import mongoose, { Types } from "mongoose";
import { effectivePermissions } from "@/lib/core/permissions";
import { buyerSortSegments, listBuyers } from "@/lib/buyers/list/list-buyers";
import { BUYER_DATE_FIELDS, buyerCandidates, buyerRowMatcher, buyerRowValue } from "@/lib/buyers/list/index/query-rows";
import { queryRowPage } from "@/lib/core/read-models/query-rows";
import { rowsOf } from "@/lib/core/read-models/read-model";
import { buyerReadModel } from "@/lib/buyers/list/index/buyer-read-model";
import { parseBuyerQuery } from "@/lib/buyers/list/list-query";
import { runMigrations } from "@/lib/migrations/run-migrations";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { ACME_CITIES } from "@/lib/seed/data/places";
import { buyerSearchKeys } from "@/lib/validation/search-keys";
import { Tenant } from "@/models";
import { getRedis } from "@/lib/core/redis";
import { openBenchDatabase } from "./lib/bench-database";
import { measure, ms, summarise, type MeasureOptions, type Stats } from "./lib/measure";
import { createRng } from "@/lib/seed/random";
import { backendOption, benchLog, option } from "./lib/options";

const backend = backendOption("postgresql");
const BUYERS = Number(option("--buyers") ?? 10_000);
const LEADS = Number(option("--leads") ?? 100_000);
const DATABASE_READS = Number(option("--database") ?? 0);
const TIMING: MeasureOptions = { warmup: 2, minRuns: Number(option("--runs") ?? 20), maxRuns: 200, budgetMs: Number(option("--budget") ?? 20) * 1000 };
const DB = "dealcycle_bench_buyers";
const TYPES = ["single_family", "multi_family", "townhouse", "condo", "mobile_home", "land"] as const;
const FIRST = ["James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David", "Jennifer", "Carlos", "Aisha", "Wei", "Olga"];
const LAST = ["Smith", "Garcia", "Johnson", "Nguyen", "Brown", "Lopez", "Miller", "Davis", "Wilson", "Moore", "Kim", "Patel"];

const log = benchLog("buyers");
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-");
const round = (n: number) => Math.round(n / 5_000) * 5_000;

// Database commands as the driver timed them, grouped by command, collection and filter shape.
type CommandStats = { count: number; totalMs: number; key: string };
const started = new Map<number, string>();
let recording: Map<string, CommandStats> | null = null;
function shape(value: unknown): string {
  if (Array.isArray(value)) return value.length > 3 ? `[${shape(value[0])} ×${value.length}]` : `[${value.map(shape).join(",")}]`;
  if (value instanceof Types.ObjectId || (value && typeof value === "object" && "_bsontype" in value)) return "id";
  if (value instanceof Date) return "date";
  if (value instanceof RegExp) return "regex";
  if (value && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${k}:${shape(v)}`).join(",")}}`;
  return typeof value;
}
function watchCommands(client: ReturnType<typeof mongoose.connection.getClient>) {
  client.on("commandStarted", (e) => started.set(e.requestId, `${e.commandName} ${String(e.command[e.commandName] ?? "")} ${shape(e.command.filter ?? e.command.query ?? {}).slice(0, 140)}${e.command.sort ? ` sort ${shape(e.command.sort)}` : ""}`));
  const done = (e: { requestId: number; duration: number }) => {
    const key = started.get(e.requestId);
    started.delete(e.requestId);
    if (!recording || !key || /^(endSessions|ping|hello|isMaster)/.test(key)) return;
    const row = recording.get(key) ?? { count: 0, totalMs: 0, key };
    row.count += 1;
    row.totalMs += e.duration;
    recording.set(key, row);
  };
  client.on("commandSucceeded", done);
  client.on("commandFailed", done);
}

async function insertInBatches(collection: string, docs: Record<string, unknown>[]) {
  const c = mongoose.connection.db!.collection(collection);
  for (let i = 0; i < docs.length; i += 1000) await c.insertMany(docs.slice(i, i + 1000), { ordered: false });
}

async function seed(tenantId: Types.ObjectId) {
  const r = createRng(7);
  const now = Date.now();
  const day = 86_400_000;
  if (LEADS > 0) {
    const leads: Record<string, unknown>[] = [];
    for (let i = 0; i < LEADS; i++) {
      const c = r.pick(ACME_CITIES);
      leads.push({ tenant_id: tenantId, name: `Seller ${i}`, phone: `+1${String(2_000_000_000 + i)}`, status: r.pick(["new", "contacted", "closed"]), priority: "medium", address: { city: c.city, state: c.state, zip_code: r.pick(c.zips) }, tags: [], created_at: new Date(now - r.int(1, 700) * day), updated_at: new Date(now) });
    }
    log(`inserting ${LEADS.toLocaleString("en-US")} leads`);
    await insertInBatches("leads", leads);
  }
  const buyers: Record<string, unknown>[] = [];
  for (let i = 0; i < BUYERS; i++) {
    const c = r.pick(ACME_CITIES);
    const st = c.state.toLowerCase();
    const locations = new Set<string>();
    for (let k = r.int(1, 4); k > 0; k--) {
      const x = r.next();
      if (x < 0.3) locations.add(`zip:${r.pick(c.zips)}`);
      else if (x < 0.7) locations.add(`city:${st}:${slug(c.city)}`);
      else if (x < 0.88) locations.add(`county:${st}:${slug(c.county)}`);
      else locations.add(`state:${st}`);
    }
    const types = TYPES.filter((_, k) => r.chance([0.85, 0.3, 0.15, 0.1, 0.08, 0.08][k]));
    const name = `${r.pick(FIRST)} ${r.pick(LAST)} ${i}`;
    const phone = `+1${r.pick(c.areaCodes)}${String(5_000_000 + i).padStart(7, "0")}`;
    const email = `buyer${i}@example.com`;
    const company = r.chance(0.6) ? `${r.pick(["Lone Star", "Gulf", "Peach", "Sun", "Bayou"])} ${r.pick(["Capital", "Homes", "Holdings", "Investments"])}` : undefined;
    buyers.push({
      tenant_id: tenantId,
      name,
      phone,
      email,
      company,
      property_types: types.length ? types : ["single_family"],
      price_range: { min: round(c.value * (0.2 + r.next() * 0.3)), max: round(c.value * (0.7 + r.next() * 0.8)) },
      preferred_locations: [...locations],
      funding_type: r.pick(["cash", "cash", "hard_money", "private_money", "conventional"]),
      experience_level: r.pick(["beginner", "intermediate", "advanced"]),
      credit_score: r.pick(["excellent", "good", "fair", "poor"]),
      proof_of_funds: r.chance(0.4) ? { file_id: `f${i}`, file_name: "pof.pdf", expires_at: new Date(now + r.int(-90, 180) * day) } : undefined,
      is_active: r.chance(0.88),
      is_verified: r.chance(0.5),
      tags: r.chance(0.3) ? [r.pick(["vip", "fast closer", "landlord"])] : [],
      total_deals: r.chance(0.2) ? r.int(1, 8) : 0,
      last_contacted: r.chance(0.6) ? new Date(now - r.int(0, 400) * day) : undefined,
      search_keys: buyerSearchKeys({ name, phone, email, company }),
      created_at: new Date(now - r.int(1, 700) * day),
      updated_at: new Date(now),
    });
  }
  log(`inserting ${BUYERS.toLocaleString("en-US")} buyers`);
  await insertInBatches("buyers", buyers);
}

const openDatabase = () => openBenchDatabase("buyers", DB, backend);

type Row = { name: string; search: string; stats: Stats; total: number; commands: CommandStats[]; source: string };

async function main() {
  const load = { before: loadavg() };
  const db = await openDatabase();
  const rows: Row[] = [];
  try {
    await mongoose.connect(db.uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, monitorCommands: true });
    watchCommands(mongoose.connection.getClient());
    await runMigrations();
    const tenant = await Tenant.create({ name: "Bench Buyers", subdomain: "benchbuyers" });
    const t0 = performance.now();
    await seed(tenant._id);
    log(`seeded in ${ms(performance.now() - t0)}`);
    const tuned = await db.tune();
    if (tuned) log(`PostgreSQL: ${tuned} GIN indexes created`);
    const ctx: TenantContext = { tenantId: String(tenant._id), role: "admin", permissions: effectivePermissions("admin") };

    // The read model as the worker builds it and a web process loads it (once per process).
    await buyerReadModel.store.drop(ctx.tenantId);
    let t = performance.now();
    const built = await buyerReadModel.build(ctx);
    const buildMs = performance.now() - t;
    buyerReadModel.forgetLocal(ctx.tenantId);
    const heapBefore = process.memoryUsage().heapUsed;
    t = performance.now();
    const local = await buyerReadModel.current(ctx.tenantId);
    const loadMs = performance.now() - t;
    const heapAfter = process.memoryUsage().heapUsed;
    log(`read model: built ${built?.rows} rows in ${ms(buildMs)}, loaded ${local?.rows.size} rows in ${ms(loadMs)}`);
    // The first search of a loaded copy prepares what later searches read (the copy's search index).
    t = performance.now();
    await listBuyers(ctx, parseBuyerQuery(new URLSearchParams("q=zzz")).query);
    const firstSearchMs = performance.now() - t;
    const setup = { rows: local?.rows.size ?? 0, buildMs, loadMs, heapDelta: heapAfter - heapBefore, firstSearchMs };

    // A cursor deep in the name order, for the deep-page measurement.
    let deep: string | undefined;
    for (let i = 0; i < 4; i++) deep = (await listBuyers(ctx, { ...parseBuyerQuery(new URLSearchParams("size=100")).query, after: deep }, { withTotal: false })).nextCursor;

    // A case is one read, or several in a row (a search typed key by key: each keystroke's read).
    const cases: [string, string | string[]][] = [
      ["List, first page + total (name order)", ""],
      ["List sorted by last contacted", "sort=last_contacted&dir=desc"],
      ["Filtered: single family, buys at $180,000, active", "type=single_family&price=180000&active=yes"],
      ["Filtered: location Dallas (city or all of Texas)", "loc=city:tx:dallas"],
      ["Filtered: cash, verified, proof of funds valid", "funding=cash&verified=yes&pof=valid"],
      ["Filtered: not contacted in 30 days, active", "active=yes&contacted=over_30d&sort=last_contacted&dir=asc"],
      ["Search: name prefix \"gar\"", "q=gar"],
      ["Search: phone fragment \"713-50\"", "q=713-50"],
      ["Search: e-mail \"buyer12\"", "q=buyer12"],
      ["Search: one letter \"m\"", "q=m"],
      ["Search: two terms \"maria gar\"", "q=maria+gar"],
      ["Search: company \"lone star\"", "q=lone+star"],
      ["Search: whole e-mail \"buyer4321@example.com\"", "q=buyer4321%40example.com"],
      ["Search typed key by key: \"p\", \"pa\", \"pat\", \"pate\", \"patel\" (5 reads)", ["q=p", "q=pa", "q=pat", "q=pate", "q=patel"]],
      ["Search, filtered: \"gar\", active cash buyers", "q=gar&active=yes&funding=cash"],
      ["Deep page (row 400, name order)", `size=100&after=${deep}`],
    ];
    const DB_TIMING: MeasureOptions = { warmup: 0, minRuns: 3, maxRuns: 3, budgetMs: 0 };
    const runs: { name: string; search: string | string[]; source: "auto" | "database"; timing: MeasureOptions }[] = [
      ...cases.map(([name, search]) => ({ name, search, source: "auto" as const, timing: TIMING })),
      ...cases.slice(0, DATABASE_READS).map(([name, search]) => ({ name, search, source: "database" as const, timing: DB_TIMING })),
    ];
    for (const { name, search, source, timing } of runs) {
      const queries = [search].flat().map((s) => parseBuyerQuery(new URLSearchParams(s)).query);
      let total = 0;
      let from = "";
      recording = new Map();
      const stats = await measure(async () => {
        for (const query of queries) {
          const page = await listBuyers(ctx, query, { source });
          total = page.total;
          from = page.source;
        }
      }, timing, db.cpu);
      const perRun = stats.runs + timing.warmup;
      const commands = [...recording.values()].map((c) => ({ ...c, count: c.count / perRun, totalMs: c.totalMs / perRun }));
      recording = null;
      rows.push({ name, search: [search].flat().join(" → "), stats, total, commands, source: from });
      log(`${name} (${from}): p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)} (${stats.runs} runs, total ${total})`);
    }
    const inMemory = await compareSearchPaths(ctx, cases.filter(([name]) => name.startsWith("Search")));
    console.log(report(rows, { load: { ...load, after: loadavg() }, setup }));
    console.log(inMemoryReport(inMemory));
  } finally {
    await buyerReadModel.store.drop(String((await Tenant.findOne({ subdomain: "benchbuyers" }).lean().catch(() => null))?._id ?? "none")).catch(() => undefined);
    await mongoose.disconnect();
    await db.stop();
    getRedis().disconnect();
  }
}

type PathRow = { name: string; matching: number; candidates: number; scan: Stats; indexed: Stats };

/**
 * Each search's page and total over the rows held in memory (no Redis catch-up), both ways:
 * testing every row, as the buyer list did before, and testing only the rows the copy's search
 * index finds for the most selective term. Alternated run by run, so load hits both alike; the
 * answers are checked to be the same.
 */
async function compareSearchPaths(ctx: TenantContext, cases: [string, string | string[]][]): Promise<PathRow[]> {
  const local = (await buyerReadModel.current(ctx.tenantId))!;
  const now = new Date();
  const out: PathRow[] = [];
  for (const [name, search] of cases) {
    const queries = [search].flat().map((s) => parseBuyerQuery(new URLSearchParams(s)).query);
    const page = (indexed: boolean) => {
      let result: { ids: string[]; count: number; candidates: number } = { ids: [], count: 0, candidates: 0 };
      for (const query of queries) {
        const segments = buyerSortSegments(query.sort, query.dir);
        const { rows, answered } = indexed ? buyerCandidates(local, query) : { rows: rowsOf(local), answered: undefined };
        const { items, count } = queryRowPage(rows, { match: buyerRowMatcher(query, now, answered), segments, valueOf: buyerRowValue, dateFields: BUYER_DATE_FIELDS, limit: query.size + 1 });
        result = { ids: items.map((i) => i.row._id), count, candidates: rows.length };
      }
      return result;
    };
    const scanned = page(false);
    const found = page(true);
    if (JSON.stringify([scanned.ids, scanned.count]) !== JSON.stringify([found.ids, found.count])) throw new Error(`${name}: the two paths answer differently`);
    const samples = { scan: [] as number[], indexed: [] as number[] };
    const start = performance.now();
    for (let i = 0; i < 2000 && (i < TIMING.minRuns || performance.now() - start < TIMING.budgetMs); i++) {
      for (const indexed of i % 2 ? [true, false] : [false, true]) {
        const t = performance.now();
        page(indexed);
        samples[indexed ? "indexed" : "scan"].push(performance.now() - t);
      }
    }
    const row = { name, matching: found.count, candidates: found.candidates, scan: summarise(samples.scan), indexed: summarise(samples.indexed) };
    log(`${name} in memory: every row p50 ${ms(row.scan.p50)} p95 ${ms(row.scan.p95)}; search index p50 ${ms(row.indexed.p50)} p95 ${ms(row.indexed.p95)}`);
    out.push(row);
  }
  return out;
}

function inMemoryReport(rows: PathRow[]): string {
  const us = (v: number) => (v < 1 ? `${(v * 1000).toFixed(0)} µs` : ms(v));
  return [
    "",
    "Each search over the rows held in memory (page + total, no Redis catch-up): every row tested versus the rows the search index finds for the most selective term (the last keystroke's, for the typed search), alternated run by run:",
    "",
    "| Search | Matching | Rows tested (index) | Runs | Every row p50 | p95 | Search index p50 | p95 |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.name} | ${r.matching.toLocaleString("en-US")} | ${r.candidates.toLocaleString("en-US")} | ${r.indexed.runs} | ${us(r.scan.p50)} | ${us(r.scan.p95)} | ${us(r.indexed.p50)} | ${us(r.indexed.p95)} |`),
  ].join("\n");
}

function report(rows: Row[], info: { load: { before: number[]; after: number[] }; setup: { rows: number; buildMs: number; loadMs: number; heapDelta: number; firstSearchMs: number } }): string {
  const out = [
    `FerretDB 1.24 on ${backend}; one tenant with ${BUYERS.toLocaleString("en-US")} buyers and ${LEADS.toLocaleString("en-US")} leads. Load average ${info.load.before.map((x) => x.toFixed(1)).join(" ")} before, ${info.load.after.map((x) => x.toFixed(1)).join(" ")} after (${cpus().length} CPUs).`,
    `Command: \`npm run bench:buyers -- --backend ${backend} --buyers ${BUYERS} --leads ${LEADS} --budget ${TIMING.budgetMs / 1000} --runs ${TIMING.minRuns} --database ${DATABASE_READS}\``,
    `Read model: built by the worker's job in ${ms(info.setup.buildMs)} (one scan of the buyers into Redis), loaded into a web process in ${ms(info.setup.loadMs)} (${info.setup.rows.toLocaleString("en-US")} rows, heap +${(info.setup.heapDelta / 1024 / 1024).toFixed(1)} MB, about ${Math.round(info.setup.heapDelta / Math.max(info.setup.rows, 1))} bytes a row). The copy's first search took ${ms(info.setup.firstSearchMs)}.`,
    "",
    "| Read (listBuyers: a page of 50 + the total) | Served from | Matching | Runs | p50 | p95 | Database CPU per read |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows.map((r) => `| ${r.name} | ${r.source === "index" ? "rows in memory" : "database"} | ${r.total.toLocaleString("en-US")} | ${r.stats.runs} | ${ms(r.stats.p50)} | ${ms(r.stats.p95)} | ${r.stats.cpuMean === undefined ? "—" : ms(r.stats.cpuMean)} |`),
    "",
    "Where the time goes (database commands per read, FerretDB's time as the driver timed it; the page and the count run side by side):",
    "",
    "| Read | Command | Per read | Time per read |",
    "|---|---|---:|---:|",
  ];
  for (const r of rows) for (const c of [...r.commands].sort((a, b) => b.totalMs - a.totalMs).slice(0, 3)) out.push(`| ${r.name} | \`${c.key}\` | ${c.count.toFixed(1)} | ${ms(c.totalMs)} |`);
  return out.join("\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
