// Which backend should the embedded FerretDB use? Seeds the large demo data set into FerretDB on
// SQLite and on PostgreSQL, times the hot lead queries, and shows where the time goes.
//
//   npm run bench:backend                       both backends, 100,000 + 20,000 leads
//   npm run bench:backend -- --normal           the everyday demo size (1,000 + 300 leads)
//   npm run bench:backend -- --backend sqlite   one backend only
//   npm run bench:backend -- --untuned          PostgreSQL without the GIN indexes npm start adds
//   (node --conditions=react-server --import tsx scripts/bench/backend.ts [flags])
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { connectDb, disconnectDb } from "@/lib/core/db/connect";
import { runMigrations } from "@/lib/migrations/run-migrations";
import { reseedDemo } from "@/lib/seed/seed-demo";
import { Lead, Tenant } from "@/models";
import { freePort } from "../lib/proc.mjs";
import { tunePostgresForFerretDB } from "../lib/pg-tuning.mjs";
import { removeDir, startFerretDB } from "../lib/services.mjs";
import { cpuSampler } from "./lib/cpu";
import { measure, ms, type MeasureOptions, type Stats } from "./lib/measure";
import { inspectPostgres, type PgInspection } from "./lib/pg-plan";
import { createFreshDatabase, dropDatabase, postgresUrl } from "./lib/postgres";
import { inspectSqlite, type SqliteInspection } from "./lib/sqlite-plan";

type Backend = "sqlite" | "postgresql";

const DB = "dealcycle_bench";
const STATUS = "new";
const args = process.argv.slice(2);
const large = !args.includes("--normal");
const only = args.includes("--backend") ? (args[args.indexOf("--backend") + 1] as Backend) : undefined;
const backends: Backend[] = only ? [only] : ["sqlite", "postgresql"];
// On the large data set one FerretDB/SQLite query takes tens of seconds: fewer runs, a time budget.
const timing: MeasureOptions = large ? { warmup: 1, minRuns: 3, maxRuns: 50, budgetMs: 60_000 } : { warmup: 2, minRuns: 10, maxRuns: 300, budgetMs: 10_000 };
const scanTiming: MeasureOptions = { warmup: 0, minRuns: 3, maxRuns: 3, budgetMs: 0 };

type Explain = { filterPushdown?: boolean; sortPushdown?: boolean; limitPushdown?: boolean };
type Result = {
  backend: Backend;
  seedMs: number;
  seedCpuMs: number;
  leads: number;
  queries: Record<string, Stats>;
  explain: Explain;
  inspection: SqliteInspection | PgInspection;
};

const QUERIES = {
  list: `Lead list: tenant + status "${STATUS}", newest first, 50 rows`,
  phone: "Phone lookup: tenant + exact phone",
  count_by_status: "Count of the tenant's leads by status ($group)",
  count_status: `Count of one status (the list's total)`,
  scan: "Scan only: tenant + a status no lead has (reads and filters every row, returns nothing)",
} as const;

async function benchBackend(backend: Backend): Promise<Result> {
  const dataDir = mkdtempSync(join(tmpdir(), `dealcycle-bench-${backend}-`));
  const pgDatabase = `${DB}_${process.pid}`;
  if (backend === "postgresql") await createFreshDatabase(pgDatabase);
  const port = await freePort();
  const { uri, child } = await startFerretDB({ dataDir, port, backend, postgresqlUrl: postgresUrl(pgDatabase), logFile: join(dataDir, "ferretdb.log") });
  // Ctrl-C must not leave a FerretDB (and its temporary data) behind.
  const interrupted = () => {
    child.kill("SIGTERM");
    removeDir(dataDir);
    process.exit(130);
  };
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  const cpu = cpuSampler(child.pid!, backend === "postgresql" ? pgDatabase : undefined);
  try {
    await connectDb(`${uri}/${DB}`);
    await runMigrations();
    log(`${backend}: seeding ${large ? "the large" : "the normal"} data set`);
    const started = performance.now();
    const counts = await reseedDemo({ large });
    const seedMs = performance.now() - started;
    const seedCpuMs = cpu();
    log(`${backend}: seeded ${counts.leads} leads in ${ms(seedMs)} (database CPU ${ms(seedCpuMs)})`);
    // What `npm start` does on PostgreSQL after seeding (scripts/lib/pg-tuning.mjs), unless --untuned.
    if (backend === "postgresql" && !process.argv.includes("--untuned")) log(`postgresql: ${await tunePostgresForFerretDB(postgresUrl(pgDatabase), DB)} GIN indexes created`);

    const tenant = (await Tenant.findOne({ subdomain: "acme" }).lean())!;
    const tenant_id = tenant._id;
    // Phones spread over the whole collection: a lookup must not always hit the first rows read.
    const all = await Lead.find({ tenant_id }, { phone: 1, _id: 0 }).lean();
    // Visited with a stride coprime to 100, so the first few runs are already spread out too.
    const phones = Array.from({ length: 100 }, (_, i) => String(all[Math.floor((((i * 37) % 100) + 0.5) * all.length / 100)].phone));

    const listQuery = () => Lead.find({ tenant_id, status: STATUS }).sort({ created_at: -1 }).limit(50);
    const queries: Record<string, Stats> = {};
    const run = async (key: keyof typeof QUERIES, fn: (i: number) => Promise<unknown>, options = timing) => {
      queries[key] = await measure(fn, options, cpu);
      log(`${backend}: ${QUERIES[key]}: p50 ${ms(queries[key].p50)}, database CPU ${ms(queries[key].cpuMean!)} per run, ${queries[key].runs} runs`);
    };
    await run("list", () => listQuery().lean());
    await run("phone", (i) => Lead.findOne({ tenant_id, phone: phones[i % phones.length] }).lean());
    await run("count_by_status", () => Lead.aggregate([{ $match: { tenant_id } }, { $group: { _id: "$status", n: { $sum: 1 } } }]));
    await run("count_status", () => Lead.countDocuments({ tenant_id, status: STATUS }));
    // The floor under every query that FerretDB cannot push down: decoding and filtering each row.
    await run("scan", () => Lead.find({ tenant_id, status: "no_such_status" }).lean(), scanTiming);

    const explain = (await listQuery().explain()) as unknown as Explain;
    const hex = tenant_id.toHexString();
    const inspection = backend === "sqlite"
      ? await inspectSqlite(join(dataDir, `${DB}.sqlite`), hex, STATUS, phones[0])
      : await inspectPostgres(pgDatabase, DB, hex, STATUS, phones[0]);
    return { backend, seedMs, seedCpuMs, leads: counts.leads, queries, explain, inspection };
  } finally {
    process.off("SIGINT", interrupted).off("SIGTERM", interrupted);
    await disconnectDb();
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    removeDir(dataDir);
    if (backend === "postgresql") await dropDatabase(pgDatabase);
  }
}

function log(line: string) {
  console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function report(results: Result[], load: { before: number[]; after: number[] }) {
  const out: string[] = [];
  const size = large ? "acme 100,000 leads + globex 20,000 in the same collection" : "acme 1,000 leads + globex 300";
  out.push(`Data: the demo seed (${size}); queries run as acme. Load average ${load.before.map((n) => n.toFixed(1)).join(" ")} before, ${load.after.map((n) => n.toFixed(1)).join(" ")} after.`, "");
  out.push("| Backend | Leads seeded | Seed time (all collections) | Database CPU during the seed |", "|---|---:|---:|---:|");
  for (const r of results) out.push(`| FerretDB + ${r.backend} | ${r.leads.toLocaleString("en-US")} | ${ms(r.seedMs)} | ${ms(r.seedCpuMs)} |`);
  out.push("", "| Query | Backend | Runs | p50 | p95 | Mean | Database CPU per run |", "|---|---|---:|---:|---:|---:|---:|");
  for (const [key, label] of Object.entries(QUERIES)) {
    for (const r of results) {
      const s = r.queries[key];
      out.push(`| ${label} | ${r.backend} | ${s.runs} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.mean)} | ${ms(s.cpuMean ?? NaN)} |`);
    }
  }
  for (const r of results) {
    out.push("", `FerretDB's explain of the lead list on ${r.backend}: filterPushdown=${r.explain.filterPushdown}, sortPushdown=${r.explain.sortPushdown}, limitPushdown=${r.explain.limitPushdown}.`);
    out.push(...("ferretdb_sql" in r.inspection ? sqliteLines(r.inspection) : pgLines(r.inspection)));
  }
  out.push("", `Reproduce: npm run bench:backend${large ? "" : " -- --normal"}`);
  return out.join("\n");
}

function sqliteLines(i: SqliteInspection): string[] {
  return [
    `SQLite table ${i.table}: ${i.rows.toLocaleString("en-US")} rows, ${i.megabytes} MB of JSON, ${i.indexes.length} expression indexes (_ferretdb_sjson->"field").`,
    `- FerretDB's SQL for every query above: \`${i.ferretdb_sql.sql}\` → ${i.ferretdb_sql.plan.join("; ")}; reading the rows alone takes ${ms(i.ferretdb_sql.median_ms)} (python3 sqlite3).`,
    ...Object.entries(i.with_indexes).map(([k, p]) => `- ${k} written against the indexes: ${p.plan.join("; ")} → ${p.rows} rows in ${ms(p.median_ms)}`),
  ];
}

function pgLines(i: PgInspection): string[] {
  return [
    `PostgreSQL table ${i.table}: ${i.indexes.length} btree expression indexes ((_jsonb -> 'field')).`,
    ...Object.entries(i.ferretdb).map(([k, p]) => `- ${k}, FerretDB's pushed-down SQL: ${p.plan} → ${p.rows} rows in ${ms(p.executionMs)} inside PostgreSQL`),
    ...Object.entries(i.withIndexes).map(([k, p]) => `- ${k} written with = (btree-servable): ${p.plan} → ${p.rows} rows in ${ms(p.executionMs)}`),
  ];
}

async function main() {
  const before = loadavg();
  const results: Result[] = [];
  for (const backend of backends) results.push(await benchBackend(backend));
  console.log(report(results, { before, after: loadavg() }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
