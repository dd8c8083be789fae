// Every workspace page's server-side work, timed for companies of several sizes, as the admin and
// as a rep: the data-layer calls each page makes (list + total, a filtered list, search, the
// board, the dashboard's counts and follow-ups, the lead page's reads, tags, settings), on the
// embedded database with the list index as `npm start` serves it. Also the memory of this
// process (standing in for a web process) before and after both companies' lists are loaded.
// See docs/benchmarks.md, "Workspace pages by company size".
//
//   npm run bench:pages                         sizes 1000,5000,100000 (own FerretDB on PostgreSQL when one answers)
//   npm run bench:pages -- --sizes 1000,5000    only those sizes
//   flags: --backend sqlite|postgresql, --uri <mongodb uri> (an existing database, reseeded!)
//   (node --conditions=react-server --import tsx scripts/bench/pages.ts [flags])
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { Types } from "mongoose";
import { effectivePermissions } from "@/lib/core/permissions";
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { runMigrations } from "@/lib/migrations/run-migrations";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { getDashboardSummary } from "@/lib/dashboard/get-dashboard-summary";
import { getMyFollowUps } from "@/lib/dashboard/get-my-follow-ups";
import { getBoard } from "@/lib/leads/board/get-board";
import { getLeadOrThrow } from "@/lib/leads/get-lead";
import { buildLeadIndex, currentIndex, forgetLocalIndex } from "@/lib/leads/list/index/lead-index";
import { listLeads } from "@/lib/leads/list/list-leads";
import { getLeadListOptions } from "@/lib/leads/list/list-options";
import { parseListQuery } from "@/lib/leads/list/list-query";
import { findUnfinishedMerges } from "@/lib/leads/merge/merge-leads";
import { readTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { getRedis } from "@/lib/core/redis";
import { LEAD_COUNTS } from "@/lib/seed/seed-constants";
import { reseedDemo } from "@/lib/seed/seed-demo";
import { settingsSections } from "@/lib/settings/sections";
import { listTags } from "@/lib/tags/tag-catalogue";
import { Tenant, User } from "@/models";
import { freePort } from "../lib/proc.mjs";
import { tunePostgresForFerretDB } from "../lib/pg-tuning.mjs";
import { removeDir, startFerretDB } from "../lib/services.mjs";
import { measure, ms, type Stats } from "./lib/measure";
import { createFreshDatabase, dropDatabase, postgresUrl } from "./lib/postgres";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SIZES = (option("--sizes") ?? "1000,5000,100000").split(",").map(Number);
const TIMING = { warmup: 3, minRuns: 20, maxRuns: 200, budgetMs: 4_000 };
const TZ = "America/Chicago";

const log = (m: string) => console.log(`[bench:pages ${new Date().toISOString().slice(11, 19)}] ${m}`);
const q = (s: string) => parseListQuery(new URLSearchParams(s)).query;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

type Result = { size: number; role: string; page: string; stats: Stats };
const results: Result[] = [];

async function openDatabase() {
  const given = option("--uri");
  if (given) return { uri: given, tune: async () => 0, stop: () => {} };
  const backend = option("--backend") === "sqlite" ? "sqlite" : "postgresql";
  const dataDir = mkdtempSync(join(tmpdir(), "dealcycle-bench-pages-"));
  const pgDatabase = `dealcycle_bench_pages_${process.pid}`;
  if (backend === "postgresql") await createFreshDatabase(pgDatabase);
  const { uri, child } = await startFerretDB({ dataDir, port: await freePort(), logFile: join(dataDir, "ferretdb.log"), backend, postgresqlUrl: postgresUrl(pgDatabase) });
  const stop = () => {
    child.kill("SIGTERM");
    removeDir(dataDir);
    if (backend === "postgresql") void dropDatabase(pgDatabase);
  };
  process.once("SIGINT", () => (stop(), process.exit(130)));
  const tune = async () => (backend === "postgresql" ? tunePostgresForFerretDB(postgresUrl(pgDatabase), "dealcycle_bench_pages") : 0);
  return { uri: `${uri}/dealcycle_bench_pages`, tune, stop };
}

async function contexts() {
  const acme = (await Tenant.findOne({ subdomain: "acme" }).lean())!;
  const globex = (await Tenant.findOne({ subdomain: "globex" }).lean())!;
  const user = async (email: string, tenant: unknown) => (await User.findOne({ email, tenant_id: tenant } as Record<string, unknown>).lean<{ _id: unknown }>())!;
  const ctxOf = (tenant: unknown, userId: unknown, role: "admin" | "acquisition_rep"): TenantContext => ({
    tenantId: String(tenant),
    userId: String(userId),
    role,
    actor: { kind: "member", userId: String(userId), role },
    permissions: effectivePermissions(role),
  });
  return {
    admin: ctxOf(acme._id, (await user("admin@acme.example.com", acme._id))._id, "admin"),
    rep: ctxOf(acme._id, (await user("rep@acme.example.com", acme._id))._id, "acquisition_rep"),
    globex: ctxOf(globex._id, (await user("admin@globex.example.com", globex._id))._id, "admin"),
  };
}

async function timePages(size: number, role: string, ctx: TenantContext) {
  const t = async (page: string, fn: (i: number) => Promise<unknown>) => {
    const stats = await measure(fn, TIMING);
    results.push({ size, role, page, stats });
    log(`${size} ${role} ${page}: p50 ${ms(stats.p50)} p95 ${ms(stats.p95)} (${stats.runs} runs)`);
  };
  const firstRows = (await listLeads(ctx, q(""), { withTotal: false })).rows;
  const ids = firstRows.map((r) => r.id);
  const word = (firstRows[0]?.name ?? "mar").split(" ").pop()!.slice(0, 3).toLowerCase();
  await t("Leads list (first page + total + list options)", () => Promise.all([listLeads(ctx, q("")), getLeadListOptions(ctx)]));
  await t("Filtered list (status + priority)", () => listLeads(ctx, q("status=new,contacted&priority=high,urgent")));
  await t(`Search ("${word}")`, () => listLeads(ctx, q(`q=${word}`)));
  await t("Board (every status column)", () => getBoard(ctx, q("")));
  await t("Dashboard (counts + my follow-ups)", () => Promise.all([getDashboardSummary(ctx, { timeZone: TZ }), getMyFollowUps(ctx, { timeZone: TZ })]));
  if (ids.length) {
    // As the page reads them: the lead and, beside it, what needs only its id.
    await t("Lead page (lead, timeline, tags, custom fields, unfinished merges)", (i) => {
      const id = ids[i % ids.length];
      return Promise.all([getLeadOrThrow(ctx, id), readTimeline(ctx, new Types.ObjectId(id)), listTags(ctx), getCustomFieldDefinitions(ctx), findUnfinishedMerges(ctx, id)]);
    });
  }
  await t("Tags", () => listTags(ctx));
  await t("Settings (sections)", async () => settingsSections(ctx, { outbox: true }));
}

async function main() {
  const db = await openDatabase();
  await connectDb(db.uri);
  await runMigrations();
  log(`load average at start: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const memory: string[] = [];
  for (const size of SIZES) {
    // The demo seed at this size for acme (globex keeps a fifth of it, at least 300).
    const counts = LEAD_COUNTS as unknown as Record<string, { normal: number }>;
    counts.acme.normal = size;
    counts.globex.normal = Math.max(300, Math.round(size / 5));
    log(`seeding acme with ${size} leads, globex with ${counts.globex.normal}`);
    const started = performance.now();
    await reseedDemo({ large: false });
    await db.tune();
    log(`seeded in ${ms(performance.now() - started)}`);
    const ctx = await contexts();
    for (const c of [ctx.admin, ctx.globex]) {
      await buildLeadIndex(c);
      forgetLocalIndex(c.tenantId);
    }
    global.gc?.();
    const before = process.memoryUsage();
    await currentIndex(ctx.admin.tenantId);
    await currentIndex(ctx.globex.tenantId);
    global.gc?.();
    const after = process.memoryUsage();
    const rows = size + counts.globex.normal;
    memory.push(`| ${size.toLocaleString("en-US")} + ${counts.globex.normal.toLocaleString("en-US")} | ${mb(before.heapUsed)} | ${mb(after.heapUsed)} | ${mb(after.heapUsed - before.heapUsed)} | ${Math.round((after.heapUsed - before.heapUsed) / rows)} B | ${mb(after.rss)} |`);
    await timePages(size, "admin", ctx.admin);
    await timePages(size, "rep", ctx.rep);
  }
  console.log("\n| Page | Company (leads) | Admin p50 | Admin p95 | Rep p50 | Rep p95 |\n| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const r of results.filter((x) => x.role === "admin")) {
    const rep = results.find((x) => x.role === "rep" && x.size === r.size && x.page.split(" (")[0] === r.page.split(" (")[0]);
    console.log(`| ${r.page} | ${r.size.toLocaleString("en-US")} | ${ms(r.stats.p50)} | ${ms(r.stats.p95)} | ${rep ? ms(rep.stats.p50) : "—"} | ${rep ? ms(rep.stats.p95) : "—"} |`);
  }
  console.log("\n| Leads (acme + globex) | Heap before | Heap after both lists | Lists | Per row | RSS after |\n| --- | ---: | ---: | ---: | ---: | ---: |");
  memory.forEach((m) => console.log(m));
  log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  await getRedis().quit();
  await disconnectDb();
  db.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
