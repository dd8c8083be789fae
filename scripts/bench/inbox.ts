// The shared inbox, server side: one company each with 500, 5,000 and 20,000 conversations on the
// embedded database (FerretDB on PostgreSQL with the GIN indexes `npm start` adds). Prints a
// Markdown report: p50/p95 of the inbox's first page (every filter), a rep's first page, and the
// navigation's unread count, per size, and where the time goes per database command.
// See docs/benchmarks.md, "Inbox".
//
//   npm run bench:inbox                            FerretDB on PostgreSQL (127.0.0.1:5432, trust auth)
//   npm run bench:inbox -- --path db               the database path only (the inbox's row cache off)
//   flags: --backend sqlite, --sizes 500,5000,20000, --path fast|db|both (both),
//          --budget <seconds per measurement> (5), --runs <n> (at least this many timed runs, 20),
//          --db-runs <n> (timed runs of the database path, 5: it takes seconds at 20,000)
//   (node --conditions=react-server --import tsx scripts/bench/inbox.ts [flags])
import { cpus, loadavg } from "node:os";
import mongoose, { Types } from "mongoose";
import { effectivePermissions } from "@/lib/core/permissions";
import { countUnread, listConversations } from "@/lib/communications/conversations/list-conversations";
import { INBOX_FILTERS, type InboxFilter } from "@/lib/communications/conversations/inbox-filters";
import { conversationReadModel, setInboxCacheMode } from "@/lib/communications/conversations/conversation-read-model";
import { runMigrations } from "@/lib/migrations/run-migrations";
import type { TenantContext } from "@/lib/core/db/tenant-context";
import { getRedis } from "@/lib/core/redis";
import { Tenant } from "@/models";
import { openBenchDatabase } from "./lib/bench-database";
import { measure, ms, summarise, type MeasureOptions, type Stats } from "./lib/measure";
import { createRng } from "@/lib/seed/random";
import { backendOption, benchLog, option } from "./lib/options";

const backend = backendOption("postgresql");
const SIZES = (option("--sizes") ?? "500,5000,20000").split(",").map(Number);
if (SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--sizes must be whole numbers, e.g. 500,5000");
const PATH = option("--path") ?? "both";
if (!["fast", "db", "both"].includes(PATH)) throw new Error(`--path must be fast, db or both, not ${PATH}`);
const FAST: MeasureOptions = { warmup: 3, minRuns: Number(option("--runs") ?? 20), maxRuns: 300, budgetMs: Number(option("--budget") ?? 5) * 1000 };
const SLOW: MeasureOptions = { warmup: 1, minRuns: Number(option("--db-runs") ?? 5), maxRuns: Number(option("--db-runs") ?? 5), budgetMs: 0 };
const DB = "dealcycle_bench_inbox";
const REPS = 6;

const log = benchLog("inbox");

// Database commands as the driver timed them, grouped by command, collection and filter shape.
type CommandStats = { count: number; totalMs: number; key: string };
const started = new Map<number, string>();
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
    const c = e.command;
    const filter = c.filter ?? c.query ?? c.pipeline ?? {};
    started.set(e.requestId, `${e.commandName} ${String(c[e.commandName] ?? "")} ${shape(filter).slice(0, 120)}${c.sort ? ` sort ${shape(c.sort)}` : ""}`);
  });
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

/**
 * A company's inbox as the conversations read model holds it: 80% leads (a sixth unassigned, the
 * rest spread over the reps), 20% buyers; 12% with unread messages, 3% opted out, 1% flagged.
 */
async function seed(tenantId: Types.ObjectId, reps: Types.ObjectId[], size: number, seedNo: number) {
  const r = createRng(seedNo);
  const now = Date.now();
  const c = mongoose.connection.db!.collection("conversations");
  let batch: Record<string, unknown>[] = [];
  for (let i = 0; i < size; i++) {
    const lead = r.chance(0.8);
    const unread = r.chance(0.12) ? r.int(1, 4) : 0;
    const inbound = unread > 0 || r.chance(0.3);
    batch.push({
      tenant_id: tenantId,
      contact_type: lead ? "lead" : "buyer",
      contact_id: new Types.ObjectId(),
      contact_name: `${lead ? "Seller" : "Buyer"} ${i}`,
      contact_phone: `+1${String(2_000_000_000 + i)}`,
      assigned_to: lead && !r.chance(1 / 6) ? r.pick(reps) : null,
      last_at: new Date(now - r.int(0, 180 * 86_400) * 1000),
      last_preview: inbound ? "Yes I might sell, what's your offer?" : "Hi, this is Sam with Acme Home Buyers. Are you still the owner of the house?",
      last_type: "sms",
      last_direction: inbound ? "inbound" : "outbound",
      last_status: inbound ? "received" : "delivered",
      message_count: r.int(1, 30),
      unread,
      needs_review: r.chance(0.01),
      opted_out: r.chance(0.03),
      created_at: new Date(now),
      updated_at: new Date(now),
    });
    if (batch.length === 1000) {
      await c.insertMany(batch, { ordered: false });
      batch = [];
    }
  }
  if (batch.length) await c.insertMany(batch, { ordered: false });
}

type Row = { size: number; path: "fast" | "db"; name: string; stats: Stats; answer: string; commands: CommandStats[] };

async function timed(rows: Row[], size: number, path: "fast" | "db", name: string, fn: () => Promise<string>) {
  let answer = "";
  recording = new Map();
  const o = path === "db" ? SLOW : FAST;
  const stats = await measure(async () => {
    answer = await fn();
  }, o);
  const perRun = stats.runs + o.warmup;
  const commands = [...recording.values()].map((c) => ({ ...c, count: c.count / perRun, totalMs: c.totalMs / perRun }));
  recording = null;
  rows.push({ size, path, name, stats, answer, commands });
  log(`${size} ${path} ${name}: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)} (${stats.runs} runs, ${answer})`);
}

async function measureCompany(rows: Row[], size: number, admin: TenantContext, rep: TenantContext) {
  const paths = PATH === "both" ? (["db", "fast"] as const) : ([PATH] as ("db" | "fast")[]);
  for (const path of paths) {
    setInboxCacheMode(path === "db" ? "off" : "auto");
    if (path === "fast") {
      // Paid once per company by the worker (a scan into Redis), then once per web process (a load from Redis), not per request.
      let t = performance.now();
      const built = await conversationReadModel.build({ tenantId: admin.tenantId });
      rows.push({ size, path, name: "Rows built by the worker (one scan of the conversations into Redis, once per company)", stats: summarise([performance.now() - t]), answer: `${built?.rows ?? "?"} rows`, commands: [] });
      conversationReadModel.forgetLocal(admin.tenantId);
      const gc = (globalThis as { gc?: () => void }).gc;
      gc?.();
      const heap = process.memoryUsage().heapUsed;
      t = performance.now();
      await conversationReadModel.current(admin.tenantId);
      const took = performance.now() - t;
      gc?.();
      const perRow = gc ? `${Math.round((process.memoryUsage().heapUsed - heap) / size)} bytes a row held` : "";
      rows.push({ size, path, name: "Rows loaded into a web process (from Redis, once per company and process)", stats: summarise([took]), answer: perRow, commands: [] });
    }
    for (const filter of INBOX_FILTERS as readonly InboxFilter[]) {
      await timed(rows, size, path, `First page, ${filter}`, async () => `${(await listConversations(admin, { filter })).rows.length} rows`);
    }
    const first = await listConversations(admin);
    if (first.next) await timed(rows, size, path, "Second page, all", async () => `${(await listConversations(admin, { before: first.next })).rows.length} rows`);
    await timed(rows, size, path, "Rep's first page (own leads only)", async () => `${(await listConversations(rep)).rows.length} rows`);
    await timed(rows, size, path, "Navigation unread count (admin)", async () => `${await countUnread(admin)} unread`);
    await timed(rows, size, path, "Navigation unread count (rep)", async () => `${await countUnread(rep)} unread`);
  }
}

async function main() {
  const load = { before: loadavg() };
  const db = await openBenchDatabase("inbox", DB, backend);
  process.env.MONGODB_URI = db.uri;
  const rows: Row[] = [];
  try {
    await mongoose.connect(db.uri, { serverSelectionTimeoutMS: 10_000, maxPoolSize: 20, monitorCommands: true });
    watchCommands(mongoose.connection.getClient());
    await runMigrations();
    const companies: { size: number; admin: TenantContext; rep: TenantContext }[] = [];
    for (const [n, size] of SIZES.entries()) {
      const tenant = await Tenant.create({ name: `Bench Inbox ${size}`, subdomain: `benchinbox${n}` });
      const reps = Array.from({ length: REPS }, () => new Types.ObjectId());
      const t0 = performance.now();
      await seed(tenant._id, reps, size, 11 + n);
      log(`seeded ${size.toLocaleString("en-US")} conversations in ${ms(performance.now() - t0)}`);
      const tenantId = String(tenant._id);
      companies.push({
        size,
        admin: { tenantId, userId: String(reps[0]), role: "admin", permissions: effectivePermissions("admin") },
        rep: { tenantId, userId: String(reps[1]), role: "acquisition_rep", permissions: effectivePermissions("acquisition_rep") },
      });
    }
    const tuned = await db.tune();
    if (tuned) log(`PostgreSQL: ${tuned} GIN indexes created`);
    try {
      for (const c of companies) await measureCompany(rows, c.size, c.admin, c.rep);
    } finally {
      for (const c of companies) await conversationReadModel.store.drop(c.admin.tenantId);
    }
    console.log(report(rows, { load: { ...load, after: loadavg() } }));
  } finally {
    await mongoose.disconnect();
    getRedis().disconnect();
    await db.stop();
  }
}

function report(rows: Row[], info: { load: { before: number[]; after: number[] } }): string {
  const out = [
    `FerretDB 1.24 on ${backend}; one company per size (${SIZES.map((s) => s.toLocaleString("en-US")).join(", ")} conversations). Load average ${info.load.before.map((x) => x.toFixed(1)).join(" ")} before, ${info.load.after.map((x) => x.toFixed(1)).join(" ")} after (${cpus().length} CPUs).`,
    `Command: \`npm run bench:inbox -- --backend ${backend} --sizes ${SIZES.join(",")} --path ${PATH}\``,
    "",
    "| Conversations | Path | Read | Answer | Runs | p50 | p95 |",
    "|---:|---|---|---|---:|---:|---:|",
    ...rows.map((r) => `| ${r.size.toLocaleString("en-US")} | ${r.path} | ${r.name} | ${r.answer} | ${r.stats.runs} | ${ms(r.stats.p50)} | ${ms(r.stats.p95)} |`),
    "",
    "Where the time goes (database commands per read, FerretDB's time as the driver timed it):",
    "",
    "| Conversations | Path | Read | Command | Per read | Time per read |",
    "|---:|---|---|---|---:|---:|",
  ];
  for (const r of rows) for (const c of [...r.commands].sort((a, b) => b.totalMs - a.totalMs).slice(0, 2)) out.push(`| ${r.size.toLocaleString("en-US")} | ${r.path} | ${r.name} | \`${c.key}\` | ${c.count.toFixed(1)} | ${ms(c.totalMs)} |`);
  return out.join("\n");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
