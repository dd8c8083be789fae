// The lead workspace's benchmark: the data-layer functions behind the list, filters, search,
// deep pages and the lead page, on the large demo data (100,000 leads in acme, 20,000 in globex),
// timed server-side and end to end in Chromium. See docs/benchmarks.md, "Lead workspace".
//
//   npm run bench:leads                                   own FerretDB (SQLite), seed, measure
//   npm run bench:leads -- --uri mongodb://127.0.0.1:27027/dealcycle_bench
//                                                         an existing database (seeded when small)
//   flags: --backend postgresql (FerretDB on the machine's PostgreSQL, like `npm start` when one
//          answers; default sqlite), --skip-db-path (the database-path baseline takes minutes), --skip-browser,
//          --base-url http://acme.localhost:3000 (time a running app instead of starting one),
//          --rebuild (rebuild the list index even when a fresh one exists)
//   (node --conditions=react-server --import tsx scripts/bench/leads.ts [flags])
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import mongoose from "mongoose";
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { runMigrations } from "@/lib/migrations/run-migrations";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getLeadOrThrow } from "@/lib/leads/get-lead";
import { dbSource } from "@/lib/leads/list/db-source";
import { readMeta } from "@/lib/leads/list/index/index-store";
import { buildLeadIndex, currentIndex, forgetLocalIndex, indexSourceOf } from "@/lib/leads/list/index/lead-index";
import { listLeads } from "@/lib/leads/list/list-leads";
import { parseListQuery, type LeadListQuery } from "@/lib/leads/list/list-query";
import { getLeadTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { getRedis } from "@/lib/core/redis";
import { reseedDemo } from "@/lib/seed/seed-demo";
import { DEMO_PASSWORD } from "@/lib/seed/demo-users";
import { Lead, Tenant, User } from "@/models";
import { freePort, waitFor } from "../lib/proc.mjs";
import { tunePostgresForFerretDB } from "../lib/pg-tuning.mjs";
import { removeDir, startFerretDB } from "../lib/services.mjs";
import { measure, ms, summarise, type Stats } from "./lib/measure";
import { createFreshDatabase, dropDatabase, postgresUrl } from "./lib/postgres";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const TIMING = { warmup: 3, minRuns: 30, maxRuns: 300, budgetMs: 8_000 };
const SLOW = { warmup: 0, minRuns: 2, maxRuns: 2, budgetMs: 0 };

type Row = { name: string; stats: Stats; cpuMs?: number; target?: number; note?: string };
const rows: Row[] = [];

function log(message: string) {
  console.log(`[bench:leads ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

/** Times `fn` and the CPU this process spends in it (what our own code costs, whatever the load). */
async function timed(name: string, fn: (i: number) => Promise<unknown>, target?: number, options = TIMING): Promise<Stats> {
  const cpuBefore = process.cpuUsage();
  const stats = await measure(fn, options);
  const cpu = process.cpuUsage(cpuBefore);
  const runs = stats.runs + options.warmup;
  rows.push({ name, stats, cpuMs: (cpu.user + cpu.system) / 1000 / runs, target });
  log(`${name}: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)} (${stats.runs} runs)`);
  return stats;
}

// Plain-JS helpers of the project's scripts (no type declarations): imported by path.
type AppEnv = { localSecret: (name: string) => string; nextBin: () => string };
type Build = { ensureBuild: (env: NodeJS.ProcessEnv) => Promise<boolean> };
const scriptModule = <T,>(path: string) => import(path) as Promise<T>;

const q = (search: string): LeadListQuery => parseListQuery(new URLSearchParams(search)).query;

async function openDatabase(): Promise<{ uri: string; tune: () => Promise<number>; stop: () => void }> {
  const given = option("--uri");
  if (given) return { uri: given, tune: async () => 0, stop: () => {} };
  const backend = option("--backend") === "postgresql" ? "postgresql" : "sqlite";
  const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-bench-leads-"));
  const pgDatabase = `dealcycle_bench_leads_${process.pid}`;
  if (backend === "postgresql") await createFreshDatabase(pgDatabase);
  log(`starting FerretDB on ${backend}`);
  const { uri, child } = await startFerretDB({ dataDir, port: await freePort(), logFile: join(dataDir, "ferretdb.log"), backend, postgresqlUrl: postgresUrl(pgDatabase) });
  const stop = () => {
    child.kill("SIGTERM");
    removeDir(dataDir);
    if (backend === "postgresql") void dropDatabase(pgDatabase);
  };
  process.once("SIGINT", () => (stop(), process.exit(130)));
  // The GIN indexes `npm start` adds on PostgreSQL (scripts/lib/pg-tuning.mjs), so this measures what it serves.
  const tune = async () => (backend === "postgresql" ? tunePostgresForFerretDB(postgresUrl(pgDatabase), "dealcycle_bench_leads") : 0);
  return { uri: `${uri}/dealcycle_bench_leads`, tune, stop };
}

async function contexts() {
  const acme = (await Tenant.findOne({ subdomain: "acme" }).lean())!;
  const globex = (await Tenant.findOne({ subdomain: "globex" }).lean())!;
  const user = async (email: string, tenant: unknown) => (await User.findOne({ email, tenant_id: tenant } as Record<string, unknown>).lean<{ _id: unknown }>())!;
  const admin = await user("admin@acme.example.com", acme._id);
  const rep = await user("rep@acme.example.com", acme._id);
  const gAdmin = await user("admin@globex.example.com", globex._id);
  return {
    admin: { tenantId: String(acme._id), userId: String(admin._id), role: "admin" } as TenantContext,
    rep: { tenantId: String(acme._id), userId: String(rep._id), role: "acquisition_rep" } as TenantContext,
    globex: { tenantId: String(globex._id), userId: String(gAdmin._id), role: "admin" } as TenantContext,
  };
}

/** Search prefixes as people type them, taken from real leads spread over the collection. */
async function prefixes(ctx: TenantContext) {
  const sample = await Lead.find({ tenant_id: ctx.tenantId, email: { $ne: null } }, { name: 1, phone: 1, email: 1, address: 1 }).limit(5000).lean<{ name: string; phone: string; email: string; address?: { street?: string; city?: string } }[]>();
  const pick = (i: number) => sample[Math.floor((i * 7919) % sample.length)];
  const a = pick(11);
  const b = pick(2333);
  const c = pick(4001);
  const national = (p: string) => p.replace(/^\+1/, "");
  const last = (name: string) => name.split(" ").pop()!.toLowerCase();
  return [
    { label: "name, 3 letters", text: last(a.name).slice(0, 3) },
    { label: "first and last name", text: `${a.name.split(" ")[0].slice(0, 4)} ${last(a.name).slice(0, 3)}` },
    { label: "phone fragment (555) 12-", text: `(${national(b.phone).slice(0, 3)}) ${national(b.phone).slice(3, 5)}` },
    { label: "phone, 7 digits with dashes", text: `${national(c.phone).slice(0, 3)}-${national(c.phone).slice(3, 7)}` },
    { label: "e-mail prefix", text: c.email!.slice(0, 6) },
    // What reps type (issue 10): the last four digits, the number without its area code, a street, a city, an e-mail domain.
    { label: "last four digits", text: national(a.phone).slice(-4) },
    { label: "number without area code", text: `${national(b.phone).slice(3, 6)}-${national(b.phone).slice(6)}` },
    { label: "street name", text: (c.address?.street ?? "Main St").split(" ").find((w) => /^[a-z]{4,}$/i.test(w)) ?? "main" },
    { label: "city", text: b.address?.city ?? "Dallas" },
    { label: "e-mail domain", text: a.email.split("@")[1] },
  ];
}

/** A cursor `pages` pages deep into a sort order (the walk itself is not timed). */
async function deepCursor(ctx: TenantContext, search: string, pages: number): Promise<string> {
  let after: string | undefined;
  for (let i = 0; i < pages; i++) {
    const page = await listLeads(ctx, { ...q(search), size: 100, after }, { withTotal: false });
    after = page.nextCursor;
  }
  return after!;
}

async function serverSide(ctx: Awaited<ReturnType<typeof contexts>>) {
  const { admin, rep, globex } = ctx;
  for (const c of [admin, globex]) {
    const meta = await readMeta(c.tenantId);
    if (!meta || flag("--rebuild")) {
      log(`building the list index for ${c.tenantId} (one scan of its leads)`);
      const started = performance.now();
      const built = await buildLeadIndex(c);
      rows.push({ name: `List index build: scan ${built?.rows ?? "?"} leads into Redis (background job)`, stats: summarise([performance.now() - started]) });
    }
    forgetLocalIndex(c.tenantId);
    const started = performance.now();
    const local = await currentIndex(c.tenantId);
    rows.push({ name: `List index load into a web process (${local!.rows.size} rows from Redis, once per process)`, stats: summarise([performance.now() - started]) });
  }

  log("server side: list, filters, search, deep pages (list index)");
  await timed("List, first page (50, newest first) + total", () => listLeads(admin, q("")), 150);
  await timed("List sorted by name, first page + total", () => listLeads(admin, q("sort=name&dir=asc")), 150);
  await timed("Filtered: status new, priority high/urgent", () => listLeads(admin, q("status=new&priority=high,urgent")), 150);
  await timed("Filtered: tag + follow-up due, by follow-up", () => listLeads(admin, q("tag=vacant&follow_up=due&sort=next_follow_up&dir=asc")), 150);
  await timed("Rep's own leads (visibility), first page", () => listLeads(rep, q("")), 150);
  for (const p of await prefixes(admin)) {
    // As typed: each keystroke's prefix in turn.
    const steps = Array.from({ length: p.text.length }, (_, i) => p.text.slice(0, i + 1)).filter((s) => s.replace(/\W/g, "").length >= 2);
    await timed(`Search as you type: ${p.label} ("${p.text}")`, (i) => listLeads(admin, q(`q=${encodeURIComponent(steps[i % steps.length])}`)), 150);
  }
  const deep = await deepCursor(admin, "", 500);
  await timed("Deep keyset page (page 1,001 of 2,000, newest first)", () => listLeads(admin, { ...q(""), after: deep }), 150);
  const deepName = await deepCursor(admin, "sort=name&dir=asc", 800);
  await timed("Deep keyset page by name (row 80,000)", () => listLeads(admin, { ...q("sort=name&dir=asc"), after: deepName }), 150);
  await timed("globex (20,000 leads), first page + total", () => listLeads(globex, q("")), 150);

  log("server side: the lead page's read");
  // Ids spread over the whole tenant (from the list index): where a lead sits in the collection
  // decides how long FerretDB takes to find it (its _id index is not used, see docs/benchmarks.md).
  const all = [...(await currentIndex(admin.tenantId))!.rows.keys()];
  const ids = Array.from({ length: 500 }, (_, i) => all[(i * 7919) % all.length]);
  const id = (i: number) => ids[i % ids.length];
  await timed("Lead page: getLeadOrThrow (by _id), leads across the whole tenant", (i) => getLeadOrThrow(admin, id(i)), 100, { warmup: 1, minRuns: 20, maxRuns: 60, budgetMs: 30_000 });
  await timed("Lead page: getLeadOrThrow + getLeadTimeline", (i) => Promise.all([getLeadOrThrow(admin, id(i)), getLeadTimeline(admin, id(i))]), 100, { warmup: 1, minRuns: 20, maxRuns: 60, budgetMs: 30_000 });
  return ids;
}

async function databasePath(ctx: Awaited<ReturnType<typeof contexts>>) {
  const { admin } = ctx;
  log("database path (what the list index replaces): a few runs, each scans the collection");
  await timed("DB path: list first page + total (find + countDocuments)", () => listLeads(admin, q(""), { source: dbSource }), 150, SLOW);
  await timed("DB path: search \"mar\" (anchored regex on search_keys)", () => listLeads(admin, q("q=mar"), { source: dbSource, withTotal: false }), 150, SLOW);
  const col = mongoose.connection.db!.collection("leads");
  const tenant_id = new mongoose.Types.ObjectId(admin.tenantId);
  // A lead stored late in the collection: a scan that stops at the first match still reads almost everything before it.
  const globexId = new mongoose.Types.ObjectId(ctx.globex.tenantId);
  const last = (await col.find({ tenant_id: globexId }, { projection: { _id: 1 } }).skip(19_990).limit(1).toArray())[0]._id;
  await timed("Raw driver: find {tenant_id} sort created_at limit 50, projected", () => col.find({ tenant_id }, { projection: { name: 1, status: 1 } }).sort({ created_at: -1 }).limit(50).toArray(), undefined, SLOW);
  const first = (await col.findOne({}, { projection: { _id: 1 } }))!._id;
  await timed("Raw driver: find {_id} of the collection's first lead (pushed down)", () => col.findOne({ _id: first }), undefined, { warmup: 2, minRuns: 20, maxRuns: 50, budgetMs: 2000 });
  await timed("Raw driver: find {_id} of a lead near the end (pushed down; on SQLite its index is not used)", () => col.findOne({ _id: last }), undefined, { warmup: 1, minRuns: 5, maxRuns: 5, budgetMs: 0 });
  await timed("Raw driver: find {_id, tenant_id} of the same lead (two keys)", () => col.findOne({ _id: last, tenant_id: globexId }), undefined, SLOW);
  const explain = (await col.find({ tenant_id }).sort({ created_at: -1 }).limit(50).explain()) as Record<string, unknown>;
  log(`FerretDB explain of the list query: ${JSON.stringify({ filterPushdown: explain.filterPushdown, sortPushdown: explain.sortPushdown, limitPushdown: explain.limitPushdown })}`);
  rows.push({ name: `FerretDB explain (list query): filterPushdown=${explain.filterPushdown}, sortPushdown=${explain.sortPushdown}, limitPushdown=${explain.limitPushdown}`, stats: summarise([0]), note: "explain" });
}

async function startApp(uri: string): Promise<{ baseUrl: string; stop: () => void }> {
  const given = option("--base-url");
  if (given) return { baseUrl: given.replace(/\/$/, ""), stop: () => {} };
  const { localSecret, nextBin } = await scriptModule<AppEnv>("../lib/app-env.mjs");
  const { ensureBuild } = await scriptModule<Build>("../lib/build.mjs");
  const env = { ...process.env, NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? localSecret("auth"), APP_SECRET_KEY: process.env.APP_SECRET_KEY ?? localSecret("encryption"), NEXT_TELEMETRY_DISABLED: "1" };
  await ensureBuild(env);
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [nextBin(), "start", "-p", String(port)], {
    env: { ...env, MONGODB_URI: uri, APP_DOMAIN: `localhost:${port}`, PORT: String(port) },
    stdio: "ignore",
  });
  const up = await waitFor(async () => (await fetch(`http://localhost:${port}/api/health`).then((r) => r.ok).catch(() => false)), { timeoutMs: 120_000 });
  if (!up) throw new Error("the app did not start");
  return { baseUrl: `http://acme.localhost:${port}`, stop: () => child.kill("SIGTERM") };
}

async function browser(uri: string, searchText: string, leadIds: string[]) {
  const { chromium } = await import("playwright-core");
  const app = await startApp(uri);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(180_000);
    await page.goto(`${app.baseUrl}/signin?next=/leads`);
    if (!page.url().startsWith(app.baseUrl)) {
      await page.getByLabel("E-mail").fill("admin@acme.example.com");
      await page.getByLabel("Password").fill(DEMO_PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.waitForURL((u) => u.origin === new URL(app.baseUrl).origin, { timeout: 180_000 });
    }
    log("browser: navigation until the table is rendered");
    const render = async (path: string) => {
      await page.goto(`${app.baseUrl}${path}`);
      await page.locator("tbody tr").first().waitFor();
    };
    const browserTiming = { warmup: 2, minRuns: 10, maxRuns: 30, budgetMs: 20_000 };
    await timed("Chromium: open /leads until the table is rendered", () => render("/leads"), undefined, browserTiming);
    await timed("Chromium: open a filtered list", () => render("/leads?status=new&priority=high,urgent"), undefined, browserTiming);
    await timed(`Chromium: open a search ("${searchText}")`, () => render(`/leads?q=${encodeURIComponent(searchText)}`), undefined, browserTiming);
    // The lead page, leads across the tenant, until its header shows the lead's name (the
    // duplicate check streams in after; see docs/benchmarks.md, "Lead page").
    await timed("Chromium: open a lead page until its header is rendered", async (i) => {
      await page.goto(`${app.baseUrl}/leads/${leadIds[i % leadIds.length]}`);
      await page.locator("h1").first().waitFor();
    }, undefined, browserTiming);
    await render("/leads");
    const box = page.getByRole("searchbox", { name: /Search leads/ });
    // From the last keystroke until the new rows are on screen; clearing the box between runs is not timed.
    const settled = () => page.waitForFunction(() => !document.querySelector("[aria-busy=true]") && !!document.querySelector("tbody tr"));
    const samples: number[] = [];
    for (let i = 0; i < 12; i++) {
      await box.fill("");
      await page.waitForURL((u) => !u.searchParams.has("q"));
      await settled();
      const first = await page.locator("tbody tr").first().getAttribute("data-lead-id");
      await box.pressSequentially(searchText, { delay: 40 });
      const t = performance.now();
      await page.waitForFunction((before) => document.querySelector("tbody tr")?.getAttribute("data-lead-id") !== before && !document.querySelector("[aria-busy=true]"), first, { polling: 10 });
      if (i >= 2) samples.push(performance.now() - t);
    }
    rows.push({ name: `Chromium: type "${searchText}" (40 ms per key) until the new rows show, from the last keystroke (250 ms debounce included)`, stats: summarise(samples) });
  } finally {
    await browser.close();
    app.stop();
  }
}

function report() {
  const load = loadavg().map((n) => n.toFixed(1)).join(", ");
  console.log(`\n## Results (load average ${load}; CPU = this process's own CPU per run)\n`);
  console.log("| Measurement | p50 | p95 | runs | CPU/run | target |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    if (r.note === "explain") {
      console.log(`| ${r.name} | | | | | |`);
      continue;
    }
    const target = r.target ? (r.stats.p95 < r.target ? `< ${r.target} ms ✓` : `< ${r.target} ms ✗`) : "";
    console.log(`| ${r.name} | ${ms(r.stats.p50)} | ${ms(r.stats.p95)} | ${r.stats.runs} | ${r.cpuMs !== undefined ? ms(r.cpuMs) : ""} | ${target} |`);
  }
}

async function main() {
  const db = await openDatabase();
  try {
    await connectDb(db.uri);
    await runMigrations();
    const acme = await Tenant.findOne({ subdomain: "acme" }).lean();
    const leads = acme ? await Lead.countDocuments({ tenant_id: acme._id }) : 0;
    if (leads < 100_000) {
      log("seeding the large demo data (100,000 + 20,000 leads); this takes a few minutes");
      await reseedDemo({ large: true });
    }
    await db.tune();
    const ctx = await contexts();
    const leadIds = await serverSide(ctx);
    if (!flag("--skip-db-path")) await databasePath(ctx);
    if (!flag("--skip-browser")) await browser(db.uri, (await prefixes(ctx.admin))[0].text, leadIds);
    report();
  } finally {
    await disconnectDb();
    getRedis().disconnect();
    db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
