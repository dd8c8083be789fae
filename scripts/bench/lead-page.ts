// The lead page's reads, server side, on the large demo data (100,000 leads in acme, 20,000 in
// globex): the lead by id, its timeline, its possible duplicates, and the whole page's read as
// app/t/[host]/leads/[id]/page.tsx does it. Prints a Markdown report with p50/p95, the
// database's CPU per read and, per database command, how long FerretDB took and whether it
// could push the filter down to its backend. See docs/benchmarks.md, "Lead page".
//
//   npm run bench:lead-page                               FerretDB on SQLite (the default backend)
//   npm run bench:lead-page -- --backend postgresql       FerretDB on PostgreSQL: a fresh database on
//                                                         127.0.0.1:5432 (user postgres, trust auth)
//   flags: --normal (the everyday demo size: 1,000 + 300 leads), --budget <seconds per measurement>,
//          --uri mongodb://127.0.0.1:27027/db (an already seeded database; nothing is started)
//   (node --conditions=react-server --import tsx scripts/bench/lead-page.ts [flags])
import { mkdtempSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import mongoose, { Types } from "mongoose";
import { effectivePermissions } from "@/lib/core/permissions";
import { getCustomFieldDefinitions } from "@/lib/custom-fields/definitions";
import { runMigrations } from "@/lib/migrations/run-migrations";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { findDuplicateLeads } from "@/lib/leads/duplicates/find-duplicates";
import { findLead, getLeadOrThrow } from "@/lib/leads/get-lead";
import { findUnfinishedMerges } from "@/lib/leads/merge/merge-leads";
import { readTimeline } from "@/lib/leads/timeline/get-lead-timeline";
import { listAssignees } from "@/lib/leads/write/list-assignees";
import { reseedDemo } from "@/lib/seed/seed-demo";
import { listTags } from "@/lib/tags/tag-catalogue";
import { Lead, Tenant, User } from "@/models";
import { freePort } from "../lib/proc.mjs";
import { tunePostgresForFerretDB } from "../lib/pg-tuning.mjs";
import { removeDir, startFerretDB } from "../lib/services.mjs";
import { cpuSampler } from "./lib/cpu";
import { measure, ms, type MeasureOptions, type Stats } from "./lib/measure";
import { args, backendOption, benchLog, option } from "./lib/options";
import { createFreshDatabase, dropDatabase, postgresUrl } from "./lib/postgres";

const backend = backendOption("sqlite");
const large = !args.includes("--normal");
const givenUri = option("--uri");
const budgetMs = Number(option("--budget") ?? 60) * 1000;
// A read can take seconds on FerretDB/SQLite at this size: few runs, within a time budget.
const TIMING: MeasureOptions = { warmup: 1, minRuns: 5, maxRuns: 200, budgetMs };
const DB = "dealcycle_bench_lead_page";

const log = benchLog("lead-page");

// ---- Database commands, as the driver sends them (FerretDB's own time per command) ----------

type Sent = { command: string; collection: string; filter: string; body: Record<string, unknown> };
type CommandStats = { count: number; totalMs: number; explain?: Record<string, unknown> };
const sentById = new Map<number, Sent>();
let recording: Map<string, CommandStats & { sent: Sent }> | null = null;

function shape(value: unknown): string {
  // Values replaced by their type: one row per query shape, whatever lead it was for.
  if (Array.isArray(value)) return `[${value.map(shape).join(",")}]`;
  if (value instanceof Types.ObjectId || (value && typeof value === "object" && "_bsontype" in value)) return "id";
  if (value instanceof Date) return "date";
  if (value && typeof value === "object") return `{${Object.entries(value).map(([k, v]) => `${k}:${shape(v)}`).join(",")}}`;
  return typeof value;
}

function watchCommands(client: ReturnType<typeof mongoose.connection.getClient>) {
  client.on("commandStarted", (e) => {
    const collection = String(e.command[e.commandName] ?? "");
    const filter = e.command.filter ?? e.command.query ?? e.command.pipeline?.[0]?.$match ?? {};
    sentById.set(e.requestId, { command: e.commandName, collection, filter: shape(filter), body: e.command });
  });
  const done = (e: { requestId: number; duration: number }) => {
    const sent = sentById.get(e.requestId);
    sentById.delete(e.requestId);
    if (!recording || !sent || ["endSessions", "ping", "hello", "isMaster", "getMore"].includes(sent.command)) return;
    const key = `${sent.command} ${sent.collection} ${sent.filter}`;
    const row = recording.get(key) ?? { count: 0, totalMs: 0, sent };
    row.count += 1;
    row.totalMs += e.duration;
    recording.set(key, row);
  };
  client.on("commandSucceeded", done);
  client.on("commandFailed", done);
}

/** FerretDB's explain of a command exactly as the app sent it: did the filter, sort, limit reach the backend? */
async function explain(sent: Sent): Promise<Record<string, unknown> | undefined> {
  if (!["find", "count", "aggregate"].includes(sent.command)) return undefined;
  const body = Object.fromEntries(Object.entries(sent.body).filter(([k]) => !k.startsWith("$") && k !== "lsid" && k !== "txnNumber"));
  try {
    const res = await mongoose.connection.db!.command({ explain: body });
    return { filterPushdown: res.filterPushdown, sortPushdown: res.sortPushdown, limitPushdown: res.limitPushdown };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

// ---- Setup ---------------------------------------------------------------------------------

async function openDatabase(): Promise<{ uri: string; cpu?: () => number; tune: () => Promise<number>; stop: () => Promise<void> }> {
  if (givenUri) return { uri: givenUri, tune: async () => 0, stop: async () => {} };
  const dataDir = mkdtempSync(join(tmpdir(), `dealcycle-bench-lead-page-${backend}-`));
  const pgDatabase = `${DB}_${process.pid}`;
  if (backend === "postgresql") await createFreshDatabase(pgDatabase);
  const { uri, child } = await startFerretDB({ dataDir, port: await freePort(), backend, postgresqlUrl: postgresUrl(pgDatabase), logFile: join(dataDir, "ferretdb.log") });
  const stop = async () => {
    child.kill("SIGTERM");
    await new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once("exit", resolve)));
    removeDir(dataDir);
    if (backend === "postgresql") await dropDatabase(pgDatabase);
  };
  // Ctrl-C must not leave a FerretDB, its files or a PostgreSQL database behind.
  process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
  // The GIN indexes `npm start` adds on PostgreSQL (scripts/lib/pg-tuning.mjs), so this measures what it serves.
  const tune = async () => (backend === "postgresql" ? tunePostgresForFerretDB(postgresUrl(pgDatabase), DB) : 0);
  return { uri: `${uri}/${DB}`, cpu: cpuSampler(child.pid!, backend === "postgresql" ? pgDatabase : undefined), tune, stop };
}

async function adminContext(): Promise<TenantContext> {
  const acme = (await Tenant.findOne({ subdomain: "acme" }).lean())!;
  const admin = (await User.findOne({ tenant_id: acme._id, email: "admin@acme.example.com" }).setOptions({ allTenants: true }).lean())!;
  return { tenantId: String(acme._id), userId: String(admin._id), role: "admin", permissions: effectivePermissions("admin") };
}

/** Leads spread over the whole collection: half with a history (calls, texts, activities), half without. */
async function sampleLeads(ctx: TenantContext): Promise<string[]> {
  const all = await Lead.find({ tenant_id: ctx.tenantId }, { _id: 1, communication_count: 1 }).lean();
  const pick = <T,>(list: T[], n: number) => Array.from({ length: n }, (_, i) => list[Math.floor(((i * 37) % n + 0.5) * (list.length / n))]);
  const worked = pick(all.filter((l) => (l.communication_count ?? 0) > 0), 10);
  const cold = pick(all.filter((l) => !(l.communication_count ?? 0)), 10);
  // Alternated, so every time budget sees both kinds.
  return worked.flatMap((w, i) => [w, cold[i]]).filter(Boolean).map((l) => String(l._id));
}

// ---- The reads -----------------------------------------------------------------------------

/**
 * What the lead page reads, in the same order and concurrency as page.tsx: the lead, then the
 * rest side by side. `streamed` true: everything, the duplicate check included; false: only what
 * the first paint waits for (page.tsx streams the duplicate check in after it).
 */
async function pageRead(ctx: TenantContext, id: string, { streamed }: { streamed: boolean }) {
  const lead = await findLead(ctx, id);
  if (!lead) throw new Error(`lead ${id} not found`);
  // Not started when only the first paint is timed: runs would pile up behind one another.
  const duplicates = streamed ? findDuplicateLeads(ctx, { phone: lead.phone, email: lead.email, address: lead.address }, { excludeId: lead.id, limit: 5 }) : undefined;
  const firstPaint = await Promise.all([
    readTimeline(ctx, new Types.ObjectId(lead.id)),
    listAssignees(ctx),
    listTags(ctx),
    getCustomFieldDefinitions(ctx),
    findUnfinishedMerges(ctx, lead.id),
  ]);
  return [firstPaint, await duplicates];
}

/** The brief's three: the lead, then its timeline and duplicates side by side. */
async function coreRead(ctx: TenantContext, id: string) {
  const lead = await getLeadOrThrow(ctx, id);
  return Promise.all([readTimeline(ctx, new Types.ObjectId(lead.id)), findDuplicateLeads(ctx, { phone: lead.phone, email: lead.email, address: lead.address }, { excludeId: lead.id, limit: 5 })]);
}

type Row = { name: string; stats: Stats; commands: [string, CommandStats][] };

async function main() {
  const load = { before: loadavg() };
  const db = await openDatabase();
  const rows: Row[] = [];
  let seed = "";
  try {
    await mongoose.connect(db.uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, monitorCommands: true });
    watchCommands(mongoose.connection.getClient());
    await runMigrations();
    if (!givenUri || !(await Tenant.exists({ subdomain: "acme" }))) {
      log(`FerretDB on ${backend}: seeding ${large ? "the large" : "the normal"} demo data (this takes a while)`);
      const started = performance.now();
      const counts = await reseedDemo({ large });
      seed = `Seeded ${counts.leads.toLocaleString("en-US")} leads, ${counts.activities.toLocaleString("en-US")} activities, ${counts.communications.toLocaleString("en-US")} communications in ${ms(performance.now() - started)}.`;
      log(seed);
    }
    const tuned = await db.tune();
    if (tuned) log(`PostgreSQL: ${tuned} GIN indexes created for FerretDB's pushed-down equality`);
    const ctx = await adminContext();
    const ids = await sampleLeads(ctx);
    const id = (i: number) => ids[i % ids.length];
    const leadDocs = await mongoose.connection.db!.collection("leads").estimatedDocumentCount();
    log(`${leadDocs.toLocaleString("en-US")} leads in the collection; ${ids.length} sample leads`);

    const run = async (name: string, fn: (i: number) => Promise<unknown>) => {
      recording = new Map();
      const stats = await measure(fn, TIMING, db.cpu);
      const perRun = stats.runs + TIMING.warmup;
      const commands = [...recording.entries()].map(([key, c]) => [key, { count: c.count / perRun, totalMs: c.totalMs / perRun, sent: c.sent }] as [string, CommandStats & { sent: Sent }]);
      recording = null;
      for (const [, c] of commands) c.explain = await explain(c.sent);
      rows.push({ name, stats, commands });
      log(`${name}: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)} (${stats.runs} runs)`);
    };
    await run("getLeadOrThrow (by _id)", (i) => getLeadOrThrow(ctx, id(i)));
    const leads = await Promise.all(ids.map((x) => getLeadOrThrow(ctx, x)));
    await run("readTimeline (activities + communications + names)", (i) => readTimeline(ctx, new Types.ObjectId(leads[i % leads.length].id)));
    await run("findDuplicateLeads (phone, e-mail or address)", (i) => {
      const l = leads[i % leads.length];
      return findDuplicateLeads(ctx, { phone: l.phone, email: l.email, address: l.address }, { excludeId: l.id, limit: 5 });
    });
    await run("Lead + timeline + duplicates (the page's core read)", (i) => coreRead(ctx, id(i)));
    await run("Whole page read, duplicate check included (also assignees, tags, custom fields, unfinished merges)", (i) => pageRead(ctx, id(i), { streamed: true }));
    await run("What the page's first paint waits for (the duplicate check streamed in after)", (i) => pageRead(ctx, id(i), { streamed: false }));

    const counts = Object.fromEntries(
      await Promise.all(["leads", "activities", "communications", "users"].map(async (c) => [c, await mongoose.connection.db!.collection(c).estimatedDocumentCount()] as const)),
    );
    console.log(report(rows, { seed, counts, load: { ...load, after: loadavg() } }));
  } finally {
    await mongoose.disconnect();
    await db.stop();
  }
}

function report(rows: Row[], info: { seed: string; counts: Record<string, number>; load: { before: number[]; after: number[] } }): string {
  const n = (x: number) => x.toLocaleString("en-US");
  const out: string[] = [];
  out.push(
    `FerretDB 1.24 on ${backend}; ${info.seed || "existing data"} Collections (both tenants): ${Object.entries(info.counts).map(([c, k]) => `${c} ${n(k)}`).join(", ")}.`,
    `Load average ${info.load.before.map((x) => x.toFixed(1)).join(" ")} before, ${info.load.after.map((x) => x.toFixed(1)).join(" ")} after (${cpus().length} CPUs). Reads as acme's admin, 20 leads spread over the collection, half with a history.`,
    "",
    "| Read | Runs | p50 | p95 | Mean | Database CPU per read |",
    "|---|---:|---:|---:|---:|---:|",
  );
  for (const r of rows) out.push(`| ${r.name} | ${r.stats.runs} | ${ms(r.stats.p50)} | ${ms(r.stats.p95)} | ${ms(r.stats.mean)} | ${r.stats.cpuMean === undefined ? "—" : ms(r.stats.cpuMean)} |`);
  const page = rows.find((r) => r.name.startsWith("Whole page read"))!;
  out.push(
    "",
    "Where the time goes (the whole page read): each database command per read and FerretDB's time for it, as the driver timed it (the page's reads run side by side, so times overlap); pushdown from FerretDB's explain of the same command (false: FerretDB reads every document of the collection, both tenants, and filters them itself).",
    "",
  );
  out.push("| Command | Collection | Filter (shape) | Per read | Time per read | Filter pushed down |", "|---|---|---|---:|---:|---|");
  for (const [, c] of [...page.commands].sort((a, b) => b[1].totalMs - a[1].totalMs)) {
    const sent = (c as CommandStats & { sent: Sent }).sent;
    const pushed = c.explain ? (c.explain.error ? `explain failed: ${String(c.explain.error).slice(0, 60)}` : String(c.explain.filterPushdown)) : "—";
    out.push(`| ${sent.command} | ${sent.collection} | \`${sent.filter.slice(0, 90)}\` | ${c.count.toFixed(1)} | ${ms(c.totalMs)} | ${pushed} |`);
  }
  out.push("", `Reproduce: npm run bench:lead-page -- --backend ${backend}${large ? "" : " --normal"}`);
  return out.join("\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
